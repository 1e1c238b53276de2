package ai.lychee.rerank.protocol;

/** The names of the messaging channels that join functions and the worker. */
public final class Channels {
    /** functions -> worker */
    public static final String SCORE_JOBS = "score-jobs";
    /** worker -> functions */
    public static final String SCORE_REPLIES = "score-replies";

    private Channels() {
    }
}
