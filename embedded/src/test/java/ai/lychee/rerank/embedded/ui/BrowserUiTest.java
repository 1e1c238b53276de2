package ai.lychee.rerank.embedded.ui;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** A page test class's share: the service's root URL and one headless Chromium for all its tests. */
abstract class BrowserUiTest {

    @TestHTTPResource("/")
    URL root;

    static Chromium chromium;

    @BeforeAll
    static void launch() {
        chromium = Chromium.launch();
    }

    @AfterAll
    static void close() {
        if (chromium != null) {
            chromium.close();
        }
    }
}
