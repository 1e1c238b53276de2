package ai.lychee.rerank.worker;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;
import sun.misc.Signal;

/**
 * Turns SIGTERM and SIGINT into an orderly application exit instead of a JVM shutdown.
 *
 * <p>Why: the JVM runs all shutdown hooks at once, and ONNX Runtime registers one that frees its
 * native environment. On a plain SIGTERM that hook races Quarkus' graceful shutdown and frees the
 * model under a batch still being scored (a native crash, the in-flight request lost). Exiting the
 * application first lets Quarkus stop taking requests and finish those in flight
 * ({@code quarkus.shutdown.timeout}); only then does the JVM exit and run the hooks. A second signal
 * exits at once.
 */
@ApplicationScoped
public class SignalDrivenShutdown {

    private static final Logger LOG = Logger.getLogger(SignalDrivenShutdown.class);
    private final AtomicBoolean stopping = new AtomicBoolean();

    void install(@Observes StartupEvent event) {
        if (LaunchMode.current() == LaunchMode.TEST) {
            return;
        }
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                Signal.handle(new Signal(name), this::onSignal);
            } catch (IllegalArgumentException e) {
                LOG.debugf("signal %s cannot be handled here: %s", name, e.getMessage());
            }
        }
    }

    private void onSignal(Signal signal) {
        if (stopping.compareAndSet(false, true)) {
            LOG.infof("SIG%s: finishing requests in flight, then stopping", signal.getName());
            Quarkus.asyncExit(0);
        } else {
            Runtime.getRuntime().halt(128 + signal.getNumber());
        }
    }
}
