package ai.lychee.rerank.functions.share;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FailedAttemptsTest {

    /** A clock the test moves by hand, so windows can end without waiting. */
    static final class ManualClock extends Clock {
        long millis = 1_000_000;

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis);
        }
    }

    @Test
    void anAddressIsRefusedAfterTooManyFailuresUntilItsWindowEnds() {
        ManualClock clock = new ManualClock();
        FailedAttempts attempts = new FailedAttempts(3, Duration.ofSeconds(60), clock);
        for (int i = 0; i < 3; i++) {
            assertThat(attempts.retryAfterSeconds("10.0.0.7")).isZero();
            attempts.recordFailure("10.0.0.7");
        }
        assertThat(attempts.retryAfterSeconds("10.0.0.7")).isEqualTo(60);
        assertThat(attempts.retryAfterSeconds("10.0.0.8")).isZero();

        clock.millis += 45_500;
        assertThat(attempts.retryAfterSeconds("10.0.0.7")).isEqualTo(15);
        clock.millis += 14_500;
        assertThat(attempts.retryAfterSeconds("10.0.0.7")).isZero();
        // A new window starts from scratch.
        attempts.recordFailure("10.0.0.7");
        assertThat(attempts.retryAfterSeconds("10.0.0.7")).isZero();
    }

    @Test
    void successForgetsEarlierFailures() {
        FailedAttempts attempts = new FailedAttempts(2, Duration.ofMinutes(10), new ManualClock());
        attempts.recordFailure("10.0.0.9");
        attempts.forget("10.0.0.9");
        attempts.recordFailure("10.0.0.9");
        assertThat(attempts.retryAfterSeconds("10.0.0.9")).isZero();
        attempts.recordFailure("10.0.0.9");
        assertThat(attempts.retryAfterSeconds("10.0.0.9")).isPositive();
    }
}
