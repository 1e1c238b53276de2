package ai.lychee.rerank.embedded.ui;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;
import com.microsoft.playwright.options.SameSiteAttribute;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Share mode: nothing without the token, everything with it, guessing throttled, the token never in the log. */
@QuarkusTest
@TestProfile(ShareModeProfile.class)
class ShareModeUiTest {

    static final String TOKEN = ShareModeProfile.TOKEN;

    @TestHTTPResource("/")
    URL root;

    @Test
    void withoutTheTokenPageAssetsAndApiAre401() {
        given().contentType("application/json").body("{\"query\":\"q\",\"documents\":[\"d\"]}")
                .when().post("/api/rerank")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("status", equalTo(401), "title", equalTo("Unauthorized"));
        given().get("/api/instructions").then().statusCode(401).contentType("application/problem+json");
        given().accept("text/html").get("/").then().statusCode(401)
                .contentType(containsString("text/html"))
                .body(containsString("Access token required"), containsString("需要访问令牌"));
        given().get("/app.js").then().statusCode(401);
        given().get("/index.html").then().statusCode(401);
        // Health stays open for probes.
        given().get("/q/health/live").then().statusCode(not(equalTo(401)));
    }

    @Test
    void aBearerTokenOpensTheApi() {
        given().header("Authorization", "Bearer " + TOKEN).get("/api/instructions")
                .then().statusCode(200).body("default", not(equalTo("")));
        given().header("Authorization", "Bearer " + TOKEN).contentType("application/json")
                .body("{\"query\":\"snow dog\",\"documents\":[\"a dog in the snow\",\"tax law\"]}")
                .when().post("/api/rerank")
                .then().statusCode(200).body("results.size()", equalTo(2));
        // The token may also ride in the query string of an API call; the body still arrives whole.
        given().queryParam("token", TOKEN).contentType("application/json")
                .body("{\"query\":\"snow dog\",\"documents\":[\"a dog in the snow\",\"tax law\",\"" + "y".repeat(15_000) + "\"]}")
                .when().post("/api/rerank")
                .then().statusCode(200).body("results.size()", equalTo(3));
        given().header("Authorization", "Bearer " + TOKEN + "-wrong").get("/api/instructions")
                .then().statusCode(401).body("detail", containsString("wrong"));
    }

    @Test
    void theShareLinkOpensThePageAndItsOwnApiCalls() {
        try (Chromium chromium = Chromium.launch()) {
            Page page = chromium.newPage("en-US");
            Response first = page.navigate(root + "?token=" + TOKEN + "&mode=batch");
            assertThat(first.status()).isEqualTo(200);
            assertThat(page.url()).doesNotContain("token").contains("mode=batch");

            List<Cookie> cookies = page.context().cookies();
            assertThat(cookies).hasSize(1);
            Cookie cookie = cookies.get(0);
            assertThat(cookie.name).isEqualTo("lychee_share");
            assertThat(cookie.httpOnly).isTrue();
            assertThat(cookie.sameSite).isEqualTo(SameSiteAttribute.STRICT);
            assertThat(cookie.value).isNotEqualTo(TOKEN).doesNotContain(TOKEN);
            assertThat((String) page.evaluate("() => document.cookie")).doesNotContain("lychee_share");

            // The page's own calls pass on the cookie: presets load, a rerank answers.
            page.locator("#instruction-preset option:nth-child(3)").waitFor(
                    new com.microsoft.playwright.Locator.WaitForOptions()
                            .setState(com.microsoft.playwright.options.WaitForSelectorState.ATTACHED));
            page.fill("#query-text", "a dog in the snow");
            page.fill("#documents-text", "A dog stands outside while it snows.\n---\nTax law for small firms.");
            page.click("#rerank-button");
            page.locator("#results-table tbody tr").first().waitFor();
            assertThat(page.locator("#results-table tbody tr").count()).isEqualTo(2);
            assertThat(page.innerText("#error-general")).isEmpty();
            page.context().close();

            // A browser without the link gets the token page, and entering the token there lets it in.
            Page stranger = chromium.newPage("zh-CN");
            Response denied = stranger.navigate(root.toString());
            assertThat(denied.status()).isEqualTo(401);
            assertThat(stranger.innerText("h1")).contains("需要访问令牌");
            stranger.fill("input[name=token]", TOKEN);
            stranger.press("input[name=token]", "Enter");
            stranger.locator("#score-button").waitFor();
            assertThat(stranger.url()).doesNotContain("token");
            assertThat(stranger.innerText("#score-button")).isEqualTo("开始评分");
            stranger.context().close();
        }
    }

    @Test
    void wrongTokensAreLimitedPerClientAddress() throws Exception {
        Map<String, String> wrong = Map.of("Authorization", "Bearer not-the-token");
        Map<String, String> right = Map.of("Authorization", "Bearer " + TOKEN);
        for (int i = 0; i < 3; i++) {
            assertThat(RawHttp.get(root, "/api/instructions", "127.0.0.3", wrong).status()).isEqualTo(401);
        }
        RawHttp.Response limited = RawHttp.get(root, "/api/instructions", "127.0.0.3", wrong);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().get("content-type")).isEqualTo("application/problem+json");
        assertThat(Long.parseLong(limited.headers().get("retry-after"))).isBetween(1L, 600L);
        assertThat(limited.body()).contains("\"status\":429");
        // Locked out means locked out, even with the right token; other addresses are not affected.
        assertThat(RawHttp.get(root, "/api/instructions", "127.0.0.3", right).status()).isEqualTo(429);
        assertThat(RawHttp.get(root, "/api/instructions", "127.0.0.6", right).status()).isEqualTo(200);
    }

    @Test
    void theTokenNeverReachesTheLog() throws Exception {
        LogCapture log = LogCapture.start();
        String nearMiss = TOKEN + "x";
        String marker = "x=" + System.nanoTime();
        RawHttp.Response link = RawHttp.get(root, "/?token=" + TOKEN + "&lang=zh", "127.0.0.5", Map.of());
        assertThat(link.status()).isEqualTo(303);
        assertThat(link.headers().get("location")).isEqualTo("/?lang=zh");
        assertThat(link.headers().get("set-cookie")).contains("HttpOnly", "SameSite=Strict").doesNotContain(TOKEN);
        assertThat(RawHttp.get(root, "/api/instructions?token=" + TOKEN, "127.0.0.5", Map.of()).status()).isEqualTo(200);
        assertThat(RawHttp.get(root, "/api/instructions?token=" + nearMiss + "&" + marker, "127.0.0.5", Map.of()).status())
                .isEqualTo(401);

        String text = "";
        // The access log is written as each response ends; wait until it holds the last request.
        for (int i = 0; i < 200 && !text.contains("GET /api/instructions?" + marker + " "); i++) {
            Thread.sleep(100);
            text = log.text();
        }
        assertThat(text).contains("\"GET /?lang=zh HTTP/1.1\" 303", "\"GET /api/instructions HTTP/1.1\" 200",
                "\"GET /api/instructions?" + marker + " HTTP/1.1\" 401");
        assertThat(text).doesNotContain(TOKEN).doesNotContain("token=");
        // One access-log line per request, even though the filter reroutes to drop the token.
        assertThat(text.split("GET /\\?lang=zh ", -1)).hasSize(2);
        log.close();
    }
}
