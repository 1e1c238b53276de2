package ai.lychee.rerank.embedded.ui;

import com.microsoft.playwright.Page;
import java.nio.file.Path;

/**
 * Where page screenshots go: target/ui-screenshots by default; the README's docs/ pictures are refreshed with
 * {@code -Dlychee.ui.screenshots=../docs}.
 */
final class Screenshots {

    private Screenshots() {
    }

    static Path save(Page page, String name) {
        Path dir = Path.of(System.getProperty("lychee.ui.screenshots", "target/ui-screenshots"));
        Path file = dir.resolve(name);
        page.screenshot(new Page.ScreenshotOptions().setPath(file).setFullPage(true));
        return file;
    }
}
