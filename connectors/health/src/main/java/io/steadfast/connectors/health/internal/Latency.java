package io.steadfast.connectors.health.internal;

import io.steadfast.connectors.health.config.HealthCheckSettings;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.Observation;
import java.time.Duration;

/** Measures probes and judges a successful probe's latency against a check's limits. */
public final class Latency {

    private Latency() {
    }

    /** The time since {@code startNanos}, a {@link System#nanoTime()} reading. */
    public static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** {@code 12 ms}. */
    public static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    /**
     * A probe that got the answer it wanted: UNHEALTHY past the timeout, WARNING past
     * {@code warnLatency}, HEALTHY otherwise.
     *
     * @param seen what the probe saw, e.g. {@code 200 in 12 ms}
     */
    public static Observation judge(Duration latency, HealthCheckSettings settings, String seen) {
        if (latency.compareTo(settings.timeout()) > 0) {
            String limit = settings.maxLatency() == null ? "the default timeout" : "maxLatency";
            return new Observation(Health.UNHEALTHY, latency, seen + ", over " + limit + " " + millis(settings.timeout()));
        }
        if (settings.warnLatency() != null && latency.compareTo(settings.warnLatency()) > 0) {
            return new Observation(Health.WARNING, latency,
                    seen + ", over warnLatency " + millis(settings.warnLatency()));
        }
        return new Observation(Health.HEALTHY, latency, seen);
    }
}
