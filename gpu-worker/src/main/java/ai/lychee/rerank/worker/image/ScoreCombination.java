package ai.lychee.rerank.worker.image;

import ai.lychee.rerank.protocol.DocumentScore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Joins the text and image sub-scores of a document into its {@link DocumentScore}: the score is the stronger
 * channel, pulled slightly toward the weaker when both exist; sub-scores are reported as {@code text} and
 * {@code image}; a document whose image and text disagree about the query by more than {@value #SPLIT_GAP} is
 * marked {@code split} (a mismatched picture), otherwise {@code consistent}.
 */
public final class ScoreCombination {
    public static final double SPLIT_GAP = 0.3;
    public static final String SPLIT = "split";
    public static final String CONSISTENT = "consistent";

    private ScoreCombination() {
    }

    /**
     * @param text  the text sub-score, null when the document has no text
     * @param image the image sub-score, null when the document has no image
     * @param flags image quality flags of the document
     */
    public static DocumentScore of(Double text, Double image, List<String> flags) {
        Map<String, Double> sub = new LinkedHashMap<>();
        if (text != null) {
            sub.put("text", round(text));
        }
        if (image != null) {
            sub.put("image", round(image));
        }
        double score;
        String consistency = null;
        if (text != null && image != null) {
            double high = Math.max(text, image);
            double low = Math.min(text, image);
            score = 0.8 * high + 0.2 * low;
            consistency = Math.abs(text - image) > SPLIT_GAP ? SPLIT : CONSISTENT;
        } else {
            score = text != null ? text : image != null ? image : 0;
        }
        return new DocumentScore(Math.max(0, Math.min(1, score)), java.util.Collections.unmodifiableMap(sub),
                List.copyOf(flags), consistency);
    }

    private static double round(double v) {
        return Math.round(v * 10000) / 10000.0;
    }
}
