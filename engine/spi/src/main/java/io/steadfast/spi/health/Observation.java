package io.steadfast.spi.health;

import java.time.Duration;
import java.util.Objects;

/**
 * One probe of one health check.
 *
 * @param latency how long the probe took
 * @param detail  what was seen, for a person: {@code 200 in 12 ms}, {@code connection refused}
 */
public record Observation(Health health, Duration latency, String detail) {

    public Observation {
        Objects.requireNonNull(health, "health");
        Objects.requireNonNull(latency, "latency");
        Objects.requireNonNull(detail, "detail");
    }
}
