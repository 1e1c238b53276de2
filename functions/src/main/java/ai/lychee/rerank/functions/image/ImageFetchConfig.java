package ai.lychee.rerank.functions.image;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Limits on images callers send or point at ({@code lychee.image.fetch.*}). */
@ConfigMapping(prefix = "lychee.image.fetch")
public interface ImageFetchConfig {

    /** Largest encoded image accepted, downloaded or base64-decoded, in bytes. */
    @WithDefault("10485760")
    long maxBytes();

    /** Whole download (DNS, connect, redirects, body) must finish within this. */
    @WithDefault("10s")
    Duration timeout();

    @WithDefault("3")
    int maxRedirects();

    /**
     * Lets image URLs reach private networks (10/8, 172.16/12, 192.168/16, fc00::/7). Off by default; for
     * deployments whose images live on an intranet. Loopback, link-local and cloud metadata stay refused.
     */
    @WithDefault("false")
    boolean allowPrivateNetworks();
}
