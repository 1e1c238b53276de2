package ai.lychee.rerank.functions.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Where a request's time goes at the edge, as {@code lychee_request_stage_seconds{stage}}: {@code validate}
 * (checks, image fetches), {@code cache} (hot-query look-up), {@code worker} (job sent until its reply arrived) and
 * {@code total}. Buckets are fixed, so the series stay few and any percentile can be read across instances.
 */
@ApplicationScoped
public class StageTimers {

    public static final String VALIDATE = "validate";
    public static final String CACHE = "cache";
    public static final String WORKER = "worker";
    public static final String TOTAL = "total";

    static final Duration[] BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
            Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500),
            Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)};

    private final MeterRegistry registry;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public StageTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Records the time since {@code startedNanos} (a {@link System#nanoTime()}) against the stage. */
    public void since(String stage, long startedNanos) {
        timers.computeIfAbsent(stage, s -> Timer.builder("lychee.request.stage").tag("stage", s)
                        .description("Time a request spends in each stage at the edge")
                        .serviceLevelObjectives(BUCKETS).register(registry))
                .record(System.nanoTime() - startedNanos, TimeUnit.NANOSECONDS);
    }
}
