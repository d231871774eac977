package io.steadfast.connectors.health.config;

import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.errors.SteadfastException;
import java.time.Duration;

/**
 * The latency limits of one health check, read from its {@link HealthCheckSpec}.
 *
 * @param timeout     how long a probe may take: {@code maxLatency}, or {@link #DEFAULT_TIMEOUT} when absent
 * @param maxLatency  as given; null when absent (the probe is then only bounded by the timeout)
 * @param warnLatency as given; null when absent. A probe slower than it (and within the timeout) is a
 *                    {@link io.steadfast.spi.health.Health#WARNING}
 */
public record HealthCheckSettings(Duration timeout, Duration maxLatency, Duration warnLatency) {

    /** A probe's timeout when the check sets no {@code maxLatency}. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    public HealthCheckSettings {
        positive("timeout", timeout);
        if (maxLatency != null) {
            positive("maxLatency", maxLatency);
        }
        if (warnLatency != null) {
            positive("warnLatency", warnLatency);
            if (warnLatency.compareTo(timeout) >= 0) {
                throw new SteadfastException("warnLatency of a health check must be < maxLatency ("
                        + timeout.toMillis() + " ms), but was " + warnLatency.toMillis() + " ms");
            }
        }
    }

    /** The limits of a spec, with the default timeout when it sets no {@code maxLatency}. */
    public static HealthCheckSettings from(HealthCheckSpec spec) {
        Duration max = spec.maxLatency();
        return new HealthCheckSettings(max == null ? DEFAULT_TIMEOUT : max, max, spec.warnLatency());
    }

    private static void positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new SteadfastException(name + " of a health check must be > 0, but was " + value);
        }
    }
}
