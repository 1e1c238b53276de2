package ai.lychee.rerank.embedded.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The page on a phone-sized Chromium: nothing wider than the screen, every control and result reachable. */
@QuarkusTest
class PhoneLayoutUiTest extends BrowserUiTest {

    private static final int PHONE_WIDTH = 390;

    @Test
    void batchRerankFitsAPhoneScreen() {
        Page page = chromium.newPhonePage("zh-CN");
        page.navigate(root + "?mode=batch");
        assertFitsTheScreen(page);
        for (String control : new String[] {"#query-text", "#documents-text", "#rerank-button", "#instruction-text"}) {
            assertWithinScreenWidth(page.locator(control), control);
        }
        page.fill("#query-text", "雪地里玩耍的狗");
        page.fill("#documents-text", String.join("\n",
                "一只狗在雪地里奔跑玩耍。", "---",
                "一只棕白相间的狗在下雪的户外站着。", "---",
                "番茄汤的做法：新鲜罗勒和大蒜。", "---",
                "周五股市在银行财报发布后收高。"));
        page.locator("#rerank-button").tap();
        Locator rows = page.locator("#results-table tbody tr");
        rows.first().waitFor();
        assertThat(rows.count()).isEqualTo(4);
        assertThat(rows.first().getAttribute("data-index")).isEqualTo("0");
        assertFitsTheScreen(page);
        // the figures a user came for are on screen without scrolling sideways
        Locator top = rows.first();
        top.scrollIntoViewIfNeeded();
        assertWithinScreenWidth(top.locator("td.rank"), "rank of the first result");
        assertWithinScreenWidth(top.locator("td.band-cell .chip"), "band chip of the first result");
        assertWithinScreenWidth(top.locator("td.summary"), "summary of the first result");
        assertWithinScreenWidth(top.locator("td.sub-scores-cell"), "sub-scores of the first result");
        assertThat(top.locator("td.band-cell .chip").isVisible()).isTrue();
        page.locator(":focus").evaluateAll("els => els.forEach(e => e.blur())");
        Screenshots.save(page, "screenshot-phone.png");
        page.context().close();
    }

    @Test
    void singleScoreFitsAPhoneScreen() {
        Page page = chromium.newPhonePage("en-US");
        page.navigate(root.toString());
        page.fill("#query-text", "What is the capital of China?");
        page.fill("#document-text", "The capital of China is Beijing.");
        assertWithinScreenWidth(page.locator("#score-button"), "#score-button");
        page.locator("#score-button").tap();
        page.locator("#single-result:not(.hidden)").waitFor();
        assertFitsTheScreen(page);
        assertThat(Double.parseDouble(page.innerText("#single-score"))).isGreaterThan(0.7);
        assertWithinScreenWidth(page.locator("#single-score"), "the score");
        assertWithinScreenWidth(page.locator("#single-result .chip"), "the band chip");
        page.context().close();
    }

    private static void assertFitsTheScreen(Page page) {
        int scrollWidth = ((Number) page.evaluate("() => document.documentElement.scrollWidth")).intValue();
        assertThat(scrollWidth).as("page width on a %d px screen", PHONE_WIDTH).isLessThanOrEqualTo(PHONE_WIDTH);
    }

    private static void assertWithinScreenWidth(Locator element, String what) {
        BoundingBox box = element.boundingBox();
        assertThat(box).as(what + " is laid out").isNotNull();
        assertThat(box.x).as(what + " left edge").isGreaterThanOrEqualTo(0);
        assertThat(box.x + box.width).as(what + " right edge").isLessThanOrEqualTo(PHONE_WIDTH);
    }
}
