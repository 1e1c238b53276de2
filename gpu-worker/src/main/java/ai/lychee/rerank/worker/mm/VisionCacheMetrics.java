package ai.lychee.rerank.worker.mm;

import ai.lychee.rerank.worker.ActiveScorer;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Publishes lychee-rerank-mm's vision cache on /q/metrics: {@code lychee_mm_vision_cache_hits_total},
 * {@code lychee_mm_vision_cache_misses_total} (distinct images per job found or not), and
 * {@code lychee_mm_vision_cache_bytes} / {@code lychee_mm_vision_cache_entries} against
 * {@code lychee_mm_vision_cache_max_bytes}.
 */
@ApplicationScoped
public class VisionCacheMetrics {

    void onStart(@Observes StartupEvent event, ActiveScorer active, MeterRegistry registry) {
        if (active.get() instanceof MmScorer mm) {
            bind(mm.visionCache(), registry);
        }
    }

    static void bind(VisionCache cache, MeterRegistry registry) {
        FunctionCounter.builder("lychee.mm.vision.cache.hits", cache, VisionCache::hits)
                .description("Images whose vision-tower output came from the cache").register(registry);
        FunctionCounter.builder("lychee.mm.vision.cache.misses", cache, VisionCache::misses)
                .description("Images that went through the vision tower").register(registry);
        Gauge.builder("lychee.mm.vision.cache.bytes", cache, VisionCache::bytes)
                .description("Bytes of vision-tower output held").baseUnit("bytes").register(registry);
        Gauge.builder("lychee.mm.vision.cache.entries", cache, VisionCache::entries)
                .description("Images held").register(registry);
        Gauge.builder("lychee.mm.vision.cache.max.bytes", cache, VisionCache::maxBytes)
                .description("The cache's bound (lychee.worker.mm.vision-cache-bytes)").baseUnit("bytes").register(registry);
    }
}
