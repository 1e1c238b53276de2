package ai.lychee.rerank.worker.lite;

import ai.lychee.rerank.worker.ActiveScorer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Publishes the lite scorer's embedding caches on /q/metrics ({@code lychee_lite_document_cache_entries},
 * {@code lychee_lite_query_cache_entries}), so a soak can watch them fill to their bound and stay there.
 */
@ApplicationScoped
public class LiteCacheMetrics {

    void onStart(@Observes StartupEvent event, ActiveScorer active, MeterRegistry registry) {
        if (active.get() instanceof LiteScorer lite) {
            Gauge.builder("lychee.lite.document.cache.entries", lite, s -> s.documentCacheStats()[0])
                    .description("Document embeddings held by the lite scorer").register(registry);
            Gauge.builder("lychee.lite.query.cache.entries", lite, s -> s.queryCacheSize())
                    .description("Query embeddings held by the lite scorer").register(registry);
        }
    }
}
