package ai.lychee.rerank.functions.share;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Counts wrong tokens per client address in a fixed window, so the token cannot be guessed by brute force:
 * past {@code maxFailures} in one window the address is refused until the window ends.
 */
final class FailedAttempts {

    /** Past this many remembered addresses, expired windows are swept before a new one is added. */
    private static final int SWEEP_AT = 10_000;

    private final int maxFailures;
    private final long windowMillis;
    private final Clock clock;
    private final ConcurrentMap<String, Window> windows = new ConcurrentHashMap<>();

    FailedAttempts(int maxFailures, Duration window, Clock clock) {
        this.maxFailures = Math.max(1, maxFailures);
        this.windowMillis = Math.max(1, window.toMillis());
        this.clock = clock;
    }

    /** Seconds until this address may try again; 0 when it may try now. */
    long retryAfterSeconds(String address) {
        Window w = windows.get(address);
        long now = clock.millis();
        if (w == null || now >= w.endsAt) {
            return 0;
        }
        return w.failures >= maxFailures ? Math.max(1, (w.endsAt - now + 999) / 1000) : 0;
    }

    void recordFailure(String address) {
        long now = clock.millis();
        if (windows.size() >= SWEEP_AT) {
            windows.values().removeIf(w -> now >= w.endsAt);
        }
        windows.compute(address, (a, w) -> (w == null || now >= w.endsAt)
                ? new Window(1, now + windowMillis)
                : new Window(w.failures + 1, w.endsAt));
    }

    void forget(String address) {
        windows.remove(address);
    }

    private record Window(int failures, long endsAt) {
    }
}
