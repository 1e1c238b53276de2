package ai.lychee.rerank.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ai.lychee.rerank.protocol.Content;
import ai.lychee.rerank.protocol.DocumentScore;
import ai.lychee.rerank.worker.lite.LiteConfigs;
import ai.lychee.rerank.worker.lite.LiteScorer;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The batcher in front of the real lite scorer, with no batching wait (the embedded app's setting). */
class BatchingScorerTest {

    private static final int JOBS = 300;
    private static final int PAIRS_PER_JOB = 12;

    private static SimpleMeterRegistry registry;
    private static BatchingScorer batcher;

    @BeforeAll
    static void start() {
        WorkerConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("lychee.worker.batch.max-wait", "PT0S"), "test", 500))
                .withMapping(WorkerConfig.class)
                .build()
                .getConfigMapping(WorkerConfig.class);
        LiteScorer lite = LiteScorer.standalone(LiteConfigs.fromEnvironment());
        lite.warmUp();
        registry = new SimpleMeterRegistry();
        batcher = new BatchingScorer(lite, config.batch(), registry);
    }

    @AfterAll
    static void stop() {
        if (batcher != null) {
            batcher.stop();
        }
    }

    @Test
    void aJobThatFitsABatchIsNeverSplitAcrossTwo() {
        DistributionSummary sizes = registry.get("lychee.worker.batch.size").summary();
        long batchesBefore = sizes.count();
        for (int j = 0; j < JOBS; j++) {
            List<ScoringPair> pairs = new ArrayList<>();
            for (int k = 0; k < PAIRS_PER_JOB; k++) {
                pairs.add(new ScoringPair("Given a query, retrieve relevant documents.", Content.text("query " + j),
                        Content.text("document " + k + " of job " + j)));
            }
            // one job at a time: the batcher is idle and waiting each time this job's pairs start to arrive
            List<DocumentScore> scores = batcher.submit(pairs).join();
            assertThat(scores).hasSize(PAIRS_PER_JOB);
        }
        // a job whose first pairs were taken before the rest had arrived would be scored in two calls
        assertThat(sizes.count() - batchesBefore).isEqualTo(JOBS);
        assertThat(sizes.max()).isEqualTo(PAIRS_PER_JOB);
    }
}
