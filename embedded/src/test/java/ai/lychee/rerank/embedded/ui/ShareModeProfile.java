package ai.lychee.rerank.embedded.ui;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/** The service as {@code ./lychee share} runs it: a token set, three wrong tries per address, access log on, to a file. */
public class ShareModeProfile implements QuarkusTestProfile {

    static final String TOKEN = "s3cret-Share-Token-4f9c1e7a";
    static final String LOG_FILE = "target/share-mode-test.log";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "lychee.share.token", TOKEN,
                "lychee.share.max-failures", "3",
                "lychee.share.failure-window", "10m",
                "quarkus.http.access-log.enabled", "true",
                "quarkus.log.file.enabled", "true",
                "quarkus.log.file.path", LOG_FILE);
    }
}
