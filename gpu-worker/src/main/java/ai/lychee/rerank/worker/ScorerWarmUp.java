package ai.lychee.rerank.worker;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Loads the active model at start-up, so the service is ready to answer when it says it is. */
@ApplicationScoped
public class ScorerWarmUp {

    private static final Logger LOG = Logger.getLogger(ScorerWarmUp.class);

    void onStart(@Observes StartupEvent event, ActiveScorer active) {
        long started = System.nanoTime();
        active.get().warmUp();
        LOG.infof("scorer %s ready in %d ms", active.get().name(), (System.nanoTime() - started) / 1_000_000);
    }
}
