package ai.lychee.rerank.worker.mm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.worker.ScoringPair;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving plan's image work: each distinct image of a job goes through the vision tower once; across jobs the
 * vision cache serves repeats without preprocessing or encoding, stays within its byte bound (least recently used
 * out), counts hits and misses on the metrics, and never changes a score.
 */
class VisionCacheTest {

    static {
        System.setProperty("ai.djl.offline", "true");
    }

    @TempDir
    static Path temp;
    static Path checkpoint;
    static byte[] shoe;
    static byte[] hat;
    static byte[] bag;

    @BeforeAll
    static void writeCheckpoint() throws Exception {
        checkpoint = MmScorerEndToEndTest.writeTinyCheckpoint(temp.resolve("tiny"));
        shoe = MmScorerEndToEndTest.png(56, 56, 11);
        hat = MmScorerEndToEndTest.png(56, 56, 12);
        bag = MmScorerEndToEndTest.png(56, 56, 13);
    }

    static List<ScoringPair> job(byte[] query, byte[]... documents) {
        return java.util.Arrays.stream(documents)
                .map(d -> new ScoringPair("Find the product.", new Content("this one?", query, null), new Content("item", d, null)))
                .toList();
    }

    @Test
    void eachDistinctImageOfAJobIsEncodedOnceAndRepeatsComeFromTheCache() {
        MmConfig config = MmScorerEndToEndTest.config(checkpoint, Map.of());
        try (MmReranker reranker = MmReranker.load(config)) {
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            VisionCacheMetrics.bind(reranker.visionCache(), registry);

            List<ScoringPair> first = job(shoe, hat, shoe, hat, bag);
            List<Double> cold = reranker.score(first);
            // shoe (the query, and a document), hat, bag: three encodes for four pairs carrying eight images
            assertThat(reranker.lastWork().imagePatches()).hasSize(3);
            assertThat(reranker.visionCache().misses()).isEqualTo(3);
            assertThat(reranker.visionCache().entries()).isEqualTo(3);

            List<Double> warm = reranker.score(first);
            assertThat(reranker.lastWork().imagePatches()).isEmpty();
            assertThat(reranker.visionCache().hits()).isEqualTo(3);
            for (int i = 0; i < cold.size(); i++) {
                assertThat(warm.get(i)).isCloseTo(cold.get(i), within(1e-9));
            }
            assertThat(registry.get("lychee.mm.vision.cache.hits").functionCounter().count()).isEqualTo(3.0);
            assertThat(registry.get("lychee.mm.vision.cache.misses").functionCounter().count()).isEqualTo(3.0);
            assertThat(registry.get("lychee.mm.vision.cache.entries").gauge().value()).isEqualTo(3.0);
            assertThat(registry.get("lychee.mm.vision.cache.bytes").gauge().value()).isPositive();

            // pair by pair shares nothing: every image of every pair through the tower, the cache untouched
            reranker.plan(MmReranker.Plan.PAIR_BY_PAIR);
            List<Double> alone = reranker.score(first);
            assertThat(reranker.lastWork().imagePatches()).hasSize(8);
            assertThat(reranker.visionCache().hits() + reranker.visionCache().misses()).isEqualTo(6);
            for (int i = 0; i < cold.size(); i++) {
                assertThat(alone.get(i)).isCloseTo(cold.get(i), within(1e-5));
            }
        }
    }

    @Test
    void theCacheKeepsToItsByteBoundDroppingTheLeastRecentlyUsed() {
        MmConfig probe = MmScorerEndToEndTest.config(checkpoint, Map.of());
        long oneImage;
        try (MmReranker reranker = MmReranker.load(probe)) {
            reranker.score(job(shoe, shoe));
            oneImage = reranker.visionCache().bytes();
        }
        // room for two photos (all three are 56x56)
        MmConfig config = MmScorerEndToEndTest.config(checkpoint,
                Map.of("lychee.worker.mm.vision-cache-bytes", Long.toString(2 * oneImage)));
        try (MmReranker reranker = MmReranker.load(config)) {
            reranker.score(job(shoe, bag));
            assertThat(reranker.visionCache().entries()).isEqualTo(2);
            reranker.score(job(shoe, hat)); // shoe used again; hat pushes out bag, the least recently used
            assertThat(reranker.visionCache().bytes()).isLessThanOrEqualTo(2 * oneImage);
            long misses = reranker.visionCache().misses();
            reranker.score(job(shoe, shoe));
            assertThat(reranker.visionCache().misses()).as("shoe stayed").isEqualTo(misses);
            reranker.score(job(shoe, bag));
            assertThat(reranker.visionCache().misses()).as("bag was dropped").isEqualTo(misses + 1);
        }
        // 0 turns it off: nothing kept, every job encodes afresh
        try (MmReranker reranker = MmReranker.load(MmScorerEndToEndTest.config(checkpoint,
                Map.of("lychee.worker.mm.vision-cache-bytes", "0")))) {
            reranker.score(job(shoe, shoe));
            reranker.score(job(shoe, shoe));
            assertThat(reranker.visionCache().entries()).isZero();
            assertThat(reranker.lastWork().imagePatches()).hasSize(1);
        }
    }
}
