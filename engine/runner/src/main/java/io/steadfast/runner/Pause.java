package io.steadfast.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** How the runner waits between probes: real sleeping in production, a fake clock in tests. */
public interface Pause {

    /** Returns at {@code deadline} (at once when it has passed). */
    void until(Instant deadline) throws InterruptedException;

    static Pause sleeping(Clock clock) {
        return deadline -> {
            long millis = Duration.between(clock.instant(), deadline).toMillis();
            if (millis > 0) {
                Thread.sleep(millis);
            }
        };
    }
}
