package ai.lychee.rerank.protocol;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * The worker's judgement of one document: the calibrated score in [0, 1], the sub-scores that made it
 * (for example "text", "image"), quality flags, the image-text consistency verdict when both exist, and the
 * tokens the model read for it ({@code tokens}: null when the worker did not say, as older workers do not; left
 * out of the JSON then, so a functions instance from before token counts reads the reply as it always did).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DocumentScore(double score, Map<String, Double> subScores, List<String> flags, String consistency,
                            @JsonInclude(JsonInclude.Include.NON_NULL) TokenCount tokens) {

    public DocumentScore(double score, Map<String, Double> subScores, List<String> flags, String consistency) {
        this(score, subScores, flags, consistency, null);
    }

    public static DocumentScore of(double score) {
        return new DocumentScore(score, Map.of(), List.of(), null, null);
    }

    public DocumentScore withTokens(TokenCount counted) {
        return new DocumentScore(score, subScores, flags, consistency, counted);
    }
}
