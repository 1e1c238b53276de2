package ai.lychee.rerank.worker;

import ai.lychee.rerank.protocol.DocumentScore;
import java.util.List;

/**
 * The seam between the batching machinery and a model. A new model is a new Scorer, chosen by
 * {@code lychee.worker.scorer}, never an {@code if} in the batcher.
 *
 * <p>Implementations are CDI beans qualified with {@code @Identifier("<name>")}; they load their model
 * lazily (in {@link #warmUp()}) so only the configured one costs memory.
 */
public interface Scorer {

    /** The model name reported to callers, for example "lite" or "lychee-rerank-mm". */
    String name();

    /** Loads model files; called once at start-up for the configured scorer. */
    default void warmUp() {
    }

    /**
     * Scores a batch of pairs in one go and returns one score per pair, in order.
     * A pair whose input is unusable throws {@link InvalidPairException} naming it.
     */
    List<DocumentScore> score(List<ScoringPair> batch);
}
