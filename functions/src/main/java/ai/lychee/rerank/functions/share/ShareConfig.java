package ai.lychee.rerank.functions.share;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/**
 * Share mode: when a token is set (by {@code ./lychee share}), every page and API request must carry it.
 * Without a token the service is open, which is only right on loopback ({@code ./lychee load}).
 */
@ConfigMapping(prefix = "lychee.share")
public interface ShareConfig {

    /** The access token; absent or blank means share mode is off. */
    Optional<String> token();

    /** Wrong tokens one client address may present within {@link #failureWindow()} before it gets 429. */
    @WithDefault("10")
    int maxFailures();

    /** How long failed attempts are remembered per client address. */
    @WithDefault("60s")
    Duration failureWindow();
}
