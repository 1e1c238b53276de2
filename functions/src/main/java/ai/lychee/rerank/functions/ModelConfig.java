package ai.lychee.rerank.functions;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The model the deployment scores with ({@code lychee.model}). Functions uses it in cache keys and
 * answers; the worker uses the same key to pick its Scorer, so both sides of a distributed deployment
 * must agree. (A plain property, not a mapping: a mapping of the whole {@code lychee} prefix would
 * claim every other {@code lychee.*} key.)
 */
@ApplicationScoped
public class ModelConfig {

    private final String model;

    public ModelConfig(@ConfigProperty(name = "lychee.model", defaultValue = "lite") String model) {
        this.model = model;
    }

    public String model() {
        return model;
    }
}
