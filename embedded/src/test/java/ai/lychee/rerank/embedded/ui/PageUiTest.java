package ai.lychee.rerank.embedded.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.JSHandle;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Request;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** The page on a real headless Chromium against the whole service with the lite model. */
@QuarkusTest
class PageUiTest extends BrowserUiTest {

    /** A Flickr8k photo from shared/: a brown and white dog standing outside while it snows. */
    static final Path DOG_PHOTO = Path.of(System.getProperty("lychee.shared.dir", "../../shared"),
            "eval/image/flickr8k-cn/images/1131800850_89c7ffd477.jpg");

    /** The colours the legend promises: green, yellow, red (the band chips' backgrounds in app.css). */
    static final Map<String, String> BAND_COLOURS = Map.of(
            "high", "rgb(31, 157, 85)",
            "medium", "rgb(224, 168, 0)",
            "low", "rgb(214, 57, 57)");

    static final String DOCUMENTS = String.join("\n",
            "A brown and white dog stands outside while it snows.",
            "---",
            "A dog plays in the snow, jumping after a ball.",
            "---",
            "A recipe for tomato soup with fresh basil and garlic.",
            "---",
            "The stock market closed higher on Friday after the bank's report.");

    @Test
    void batchOfFourWithOneImageIsRankedSortedAndColoured() throws Exception {
        Page page = chromium.newPage("en-US");
        List<String> requested = new ArrayList<>();
        page.onRequest(r -> requested.add(r.url()));
        page.navigate(root + "?mode=batch");
        page.fill("#query-text", "A dog playing in the snow");
        page.fill("#documents-text", DOCUMENTS);
        assertThat(page.locator("#doc-cards li").count()).isEqualTo(4);
        page.locator("#doc-image-0 input[type=file]").setInputFiles(DOG_PHOTO);
        page.locator("#doc-image-0 img.thumb").waitFor();

        List<Request> sent = new ArrayList<>();
        page.onRequest(r -> { if (r.url().endsWith("/api/rerank")) sent.add(r); });
        // Two presses in one go: the second must do nothing while the first is in flight.
        @SuppressWarnings("unchecked")
        Map<String, Object> inFlight = (Map<String, Object>) page.evaluate("() => {"
                + " const b = document.getElementById('rerank-button'); b.click(); b.click();"
                + " return { disabled: b.disabled, progress: !document.getElementById('progress').classList.contains('hidden') }; }");
        assertThat(inFlight).containsEntry("disabled", true).containsEntry("progress", true);

        page.locator("#results-table tbody tr, #error-doc-0:not(:empty)").first().waitFor();
        assertThat(sent).hasSize(1);
        assertThat(page.isDisabled("#rerank-button")).isFalse();

        JsonNode body = new ObjectMapper().readTree(sent.get(0).postData());
        assertThat(body.get("query").asText()).isEqualTo("A dog playing in the snow");
        assertThat(body.get("documents")).hasSize(4);
        JsonNode withImage = body.get("documents").get(0);
        assertThat(withImage.get("text").asText()).startsWith("A brown and white dog");
        byte[] photo = Files.readAllBytes(DOG_PHOTO);
        assertThat(withImage.get("image_base64").asText())
                .isEqualTo("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(photo));
        assertThat(body.get("documents").get(3).asText()).startsWith("The stock market");

        boolean imagesAccepted = page.innerText("#error-doc-0").isEmpty();
        if (!imagesAccepted) {
            // A build without image support answers 4xx naming documents[0].image_base64: the page puts it on card #1.
            assertThat(page.innerText("#error-doc-0")).containsIgnoringCase("image");
            assertThat(page.innerText("#error-documents")).startsWith("Document 1");
            System.out.println("PageUiTest: this build refuses images (" + page.innerText("#error-doc-0")
                    + "); ranking the same batch without the photo");
            page.click("#doc-image-0 .remove-image");
            page.click("#rerank-button");
        }
        Locator rows = page.locator("#results-table tbody tr");
        rows.first().waitFor();
        assertThat(rows.count()).isEqualTo(4);
        double previous = Double.MAX_VALUE;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Locator row = rows.nth(i);
            double score = Double.parseDouble(row.getAttribute("data-score"));
            String band = row.getAttribute("data-band");
            assertThat(row.locator("td.rank").innerText()).isEqualTo(String.valueOf(i + 1));
            assertThat(score).isBetween(0.0, 1.0).isLessThanOrEqualTo(previous);
            assertThat(band).isEqualTo(score > 0.7 ? "high" : score >= 0.4 ? "medium" : "low");
            String chipColour = (String) row.locator("td.band-cell .chip")
                    .evaluate("e => getComputedStyle(e).backgroundColor");
            assertThat(chipColour).as("band colour of row %d (%s)", i + 1, band).isEqualTo(BAND_COLOURS.get(band));
            order.add(Integer.parseInt(row.getAttribute("data-index")));
            previous = score;
        }
        // The two dog documents outrank soup and shares.
        assertThat(order.subList(0, 2)).containsExactlyInAnyOrder(0, 1);
        assertThat(order.indexOf(3)).isGreaterThan(order.indexOf(0));

        Locator photoRow = page.locator("#results-table tbody tr[data-index='0']");
        assertThat(photoRow.locator("td.summary").innerText()).contains("A brown and white dog");
        if (imagesAccepted) {
            assertThat((Integer) photoRow.locator("td.image img").evaluate("img => img.naturalWidth"))
                    .isEqualTo(ImageIO.read(DOG_PHOTO.toFile()).getWidth());
        }
        assertThat(page.locator(".legend").innerText()).contains("Use it", "Secondary pool", "Filter out");
        assertThat(page.innerText("#results-meta")).contains("4 results");

        // No CDN: every request the page made went to this service (data: URLs are the page's own thumbnails).
        String origin = root.getProtocol() + "://" + root.getAuthority() + "/";
        assertThat(requested).isNotEmpty()
                .allSatisfy(url -> assertThat(url.startsWith(origin) || url.startsWith("data:")).as(url).isTrue());

        page.locator(":focus").evaluateAll("els => els.forEach(e => e.blur())");
        Screenshots.save(page, "screenshot-batch.png");
        page.context().close();
    }

    @Test
    void singleScoreShowsScoreBandAndDetails() throws Exception {
        Page page = chromium.newPage("zh-CN");
        page.navigate(root.toString());
        assertThat(page.innerText("#score-button")).isEqualTo("开始评分");
        page.fill("#query-text", "下雪天在户外的狗");
        page.fill("#document-text", "一只棕白相间的狗在下雪的户外站着。");
        dropImage(page, "#document-image", DOG_PHOTO, "image/jpeg");
        page.locator("#document-image img.thumb").waitFor();
        page.click("#score-button");
        page.locator("#single-result:not(.hidden), #error-document:not(:empty)").first().waitFor();
        if (!page.innerText("#error-document").isEmpty()) {
            // Without image support the refusal names document.image_base64 and shows under the document.
            assertThat(page.innerText("#error-document")).containsIgnoringCase("image");
            page.click("#document-image .remove-image");
            page.click("#score-button");
            page.locator("#single-result:not(.hidden)").waitFor();
        }

        double score = Double.parseDouble(page.innerText("#single-score"));
        String band = page.getAttribute("#single-result", "data-band");
        assertThat(score).isBetween(0.0, 1.0);
        assertThat(band).isEqualTo(score > 0.7 ? "high" : score >= 0.4 ? "medium" : "low");
        assertThat((String) page.locator("#single-result .chip").evaluate("e => getComputedStyle(e).backgroundColor"))
                .isEqualTo(BAND_COLOURS.get(band));
        assertThat(page.innerText("#single-result")).contains("分项得分", "标记");
        assertThat(page.innerText("#results-meta")).contains("毫秒");

        page.locator(":focus").evaluateAll("els => els.forEach(e => e.blur())");
        Screenshots.save(page, "screenshot-single.png");
        page.context().close();
    }

    @Test
    void emptyQueryShowsTheProblemNextToTheQuery() {
        Page page = chromium.newPage("en-US");
        page.navigate(root.toString());
        page.fill("#document-text", "Any document at all.");
        page.click("#score-button");
        page.locator("#error-query:not(:empty)").waitFor();
        assertThat(page.innerText("#error-query")).containsIgnoringCase("query");
        assertThat(page.getAttribute("#field-query", "class")).contains("has-error");
        assertThat(page.innerText("#error-document")).isEmpty();
        assertThat(page.isVisible("#single-result")).isFalse();
        assertThat(page.isDisabled("#score-button")).isFalse();
        page.context().close();
    }

    @Test
    void aFaultInOneDocumentIsShownOnThatDocument() {
        Page page = chromium.newPage("en-US");
        page.navigate(root + "?mode=batch");
        page.fill("#query-text", "snow");
        // The third block is blank, so the fourth block is documents[2] in the request: the page must map it back.
        page.fill("#documents-text", "first\n---\nsecond\n---\n\n---\n" + "x".repeat(25_000));
        page.click("#rerank-button");
        page.locator("#error-doc-3:not(:empty)").waitFor();
        assertThat(page.innerText("#error-doc-3")).contains("documents[2]");
        assertThat(page.innerText("#error-documents")).startsWith("Document 4");
        assertThat(page.innerText("#error-doc-0")).isEmpty();
        assertThat(page.isVisible("#batch-result")).isFalse();
        page.context().close();
    }

    @Test
    void languageFollowsTheBrowserAndCanBeSwitched() {
        Page page = chromium.newPage("en-US");
        page.navigate(root.toString());
        assertThat(page.innerText("#score-button")).isEqualTo("Score");
        assertThat(page.getAttribute("html", "lang")).isEqualTo("en");
        page.click("#lang-zh");
        assertThat(page.innerText("#score-button")).isEqualTo("开始评分");
        assertThat(page.innerText("#tab-batch")).isEqualTo("批量重排序");
        assertThat(page.getAttribute("html", "lang")).isEqualTo("zh-CN");
        // Presets come from GET /api/instructions, titled in the page's language, then free text after them.
        Locator options = page.locator("#instruction-preset option");
        assertThat(options.count()).isGreaterThan(2);
        assertThat(options.last().innerText()).isEqualTo("自定义…");
        page.context().close();
    }

    /** Drops a file on an element the way a desktop drag does: a drop event carrying a DataTransfer. */
    static void dropImage(Page page, String selector, Path file, String type) throws Exception {
        String b64 = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
        JSHandle transfer = page.evaluateHandle("async ([b64, name, type]) => {"
                + " const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));"
                + " const dt = new DataTransfer(); dt.items.add(new File([bytes], name, { type })); return dt; }",
                List.of(b64, file.getFileName().toString(), type));
        page.dispatchEvent(selector, "dragover", Map.of("dataTransfer", transfer));
        page.dispatchEvent(selector, "drop", Map.of("dataTransfer", transfer));
    }
}
