package ai.lychee.rerank.worker;

import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Scorer named by {@code lychee.model}; unknown names stop start-up with the list of known ones. */
@ApplicationScoped
public class ActiveScorer {

    private final Scorer scorer;

    public ActiveScorer(@Any Instance<Scorer> scorers, @ConfigProperty(name = "lychee.model", defaultValue = "lite") String name) {
        Instance<Scorer> chosen = scorers.select(Identifier.Literal.of(name));
        if (!chosen.isResolvable()) {
            String known = scorers.handlesStream()
                    .flatMap(h -> h.getBean().getQualifiers().stream())
                    .filter(Identifier.class::isInstance)
                    .map(q -> ((Identifier) q).value())
                    .sorted()
                    .reduce((a, b) -> a + ", " + b).orElse("none");
            throw new IllegalStateException("lychee.model=" + name + " names no scorer; known scorers: " + known);
        }
        this.scorer = chosen.get();
    }

    public Scorer get() {
        return scorer;
    }
}
