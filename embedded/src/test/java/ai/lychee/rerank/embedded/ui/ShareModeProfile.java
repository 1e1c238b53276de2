package ai.lychee.rerank.embedded.ui;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service as {@code ./lychee share} runs it: a token set, three wrong tries per address, access log on. */
public class ShareModeProfile implements QuarkusTestProfile {

    static final String TOKEN = "s3cret-Share-Token-4f9c1e7a";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "lychee.share.token", TOKEN,
                "lychee.share.max-failures", "3",
                "lychee.share.failure-window", "10m",
                "quarkus.http.access-log.enabled", "true",
                "quarkus.http.access-log.consolidate-rerouted-requests", "true");
    }
}
