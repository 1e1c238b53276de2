package ai.lychee.rerank.worker;

import ai.lychee.rerank.worker.image.ImageEvidenceExtractor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where the worker's time goes, as {@code lychee_worker_stage_seconds{stage}}: {@code queue} (a batch's oldest pair
 * waiting for the batcher), {@code job} (a job from its arrival until its reply is ready), and the image stages
 * ({@code image_decode}, {@code image_ocr}, {@code image_labelers}, {@code image_analysis}). The scorer call itself
 * is {@code lychee_worker_batch_duration_seconds}. Fixed buckets keep the series few.
 */
@ApplicationScoped
public class WorkerStageTimers {

    public static final String QUEUE = "queue";
    public static final String JOB = "job";

    private static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public WorkerStageTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    void onStart(@Observes StartupEvent event, ImageEvidenceExtractor images) {
        images.timings().forwardTo((stage, nanos) -> record("image_" + imageStage(stage), nanos));
    }

    public void record(String stage, long nanos) {
        timers.computeIfAbsent(stage, s -> Timer.builder("lychee.worker.stage").tag("stage", s)
                        .description("Time the worker spends in each stage").serviceLevelObjectives(BUCKETS)
                        .register(registry))
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The image stages' own names ("colours+quality+fingerprint") as label values ("analysis"). */
    private static String imageStage(String stage) {
        return stage.contains("+") ? "analysis" : stage.toLowerCase(Locale.ROOT);
    }
}
