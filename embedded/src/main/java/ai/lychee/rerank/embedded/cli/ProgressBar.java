package ai.lychee.rerank.embedded.cli;

import java.io.PrintStream;
import java.util.Locale;

/** A one-line progress bar on stderr, redrawn in place. */
final class ProgressBar {

    private static final int WIDTH = 30;
    private final PrintStream err;
    private final int total;
    private final long started = System.nanoTime();

    ProgressBar(PrintStream err, int total) {
        this.err = err;
        this.total = Math.max(total, 1);
    }

    void show(int done) {
        int filled = (int) ((long) WIDTH * done / total);
        double seconds = (System.nanoTime() - started) / 1e9;
        double rate = seconds > 0 ? done / seconds : 0;
        long eta = rate > 0 ? Math.round((total - done) / rate) : 0;
        err.printf(Locale.ROOT, "\r[%s%s] %d/%d tasks  %.1f/s  eta %ds ", "#".repeat(filled), ".".repeat(WIDTH - filled),
                done, total, rate, eta);
        if (done >= total) {
            err.println();
        }
        err.flush();
    }
}
