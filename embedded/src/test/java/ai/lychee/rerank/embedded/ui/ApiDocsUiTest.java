package ai.lychee.rerank.embedded.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Page;
import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The page's link to the API explorer, in a real Chromium: it opens the Swagger UI on this service, which lists the
 * endpoints, and nothing it loads comes from anywhere else (no CDN, no online validator).
 */
@QuarkusTest
class ApiDocsUiTest extends BrowserUiTest {

    @Test
    void thePageLinksToTheApiExplorerAndItWorksOffline() {
        Page page = chromium.newPage("zh-CN");
        List<String> requested = new ArrayList<>();
        page.context().onRequest(r -> requested.add(r.url()));
        page.navigate(root.toString());
        assertThat(page.innerText("#api-docs")).isEqualTo("API 文档");

        Page docs = page.context().waitForPage(() -> page.click("#api-docs"));
        docs.locator(".opblock-summary-path").first().waitFor();
        List<String> paths = docs.locator(".opblock-summary-path").allInnerTexts();
        assertThat(paths).contains("/api/rerank", "/v1/rerank", "/v2/rerank", "/rerank", "/info", "/api/feedback");

        String origin = root.getProtocol() + "://" + root.getAuthority() + "/";
        assertThat(requested).isNotEmpty()
                .allSatisfy(url -> assertThat(url.startsWith(origin) || url.startsWith("data:")).as(url).isTrue());
        page.context().close();
    }
}
