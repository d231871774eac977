package io.steadfast.connectors.kafka.internal;

import java.time.Duration;

/** Exponential back-off: the initial pause, doubled after each further failure, capped. */
public record Backoff(Duration initial, Duration max) {

    /** The pause after the given number of consecutive failures (1 for the first). */
    public Duration after(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), 30);
        long millis = initial.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }
}
