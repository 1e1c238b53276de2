package ai.lychee.rerank.protocol;

import java.util.List;
import java.util.Map;

/**
 * The worker's judgement of one document: the calibrated score in [0, 1], the sub-scores that made it
 * (for example "text", "image"), quality flags, and the image-text consistency verdict when both exist.
 */
public record DocumentScore(double score, Map<String, Double> subScores, List<String> flags, String consistency) {

    public static DocumentScore of(double score) {
        return new DocumentScore(score, Map.of(), List.of(), null);
    }
}
