package ai.lychee.rerank.functions.dispatch;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies {@code lychee.functions.instance-id} when nobody set it: one random id per JVM. It is config,
 * not a field, because the distributed app's reply queue and its binding are named after it
 * ({@code ${lychee.functions.instance-id}} in the channel settings) before any bean exists.
 */
public class InstanceIdConfigSource implements ConfigSource {

    public static final String KEY = "lychee.functions.instance-id";
    /** Static: every Config built in this JVM (static init, runtime) must see the same id. */
    private static final String RANDOM_ID = "fn-" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);

    @Override
    public Map<String, String> getProperties() {
        return Map.of(KEY, RANDOM_ID);
    }

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(KEY);
    }

    @Override
    public String getValue(String propertyName) {
        return KEY.equals(propertyName) ? RANDOM_ID : null;
    }

    @Override
    public String getName() {
        return "lychee-random-instance-id";
    }

    /** Below every real source: a configured id always wins. */
    @Override
    public int getOrdinal() {
        return 1;
    }
}
