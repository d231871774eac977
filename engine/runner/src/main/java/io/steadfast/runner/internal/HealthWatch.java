package io.steadfast.runner.internal;

import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.Observation;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A service's health checks, each probed at its own interval, with the latest observation of each. */
public final class HealthWatch implements AutoCloseable {

    /** One observation of one check, taken at {@code at} (when the probe returned). */
    public record Seen(String check, Observation observation, Instant at) {
    }

    private static final class Probe {
        final String name;
        final HealthCheck check;
        final Duration interval;
        Instant nextDue = Instant.MIN;
        Seen last;

        Probe(String name, HealthCheck check, Duration interval) {
            this.name = name;
            this.check = check;
            this.interval = interval;
        }
    }

    private final List<Probe> probes = new ArrayList<>();
    private final Clock clock;

    public HealthWatch(List<HealthCheckSpec> specs, Function<HealthCheckSpec, HealthCheck> create, Clock clock) {
        this.clock = clock;
        try {
            for (HealthCheckSpec spec : specs) {
                probes.add(new Probe(name(spec), create.apply(spec), spec.interval()));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    public static String name(HealthCheckSpec spec) {
        return spec.type() + " " + (spec.url() != null ? spec.url() : spec.address());
    }

    public boolean isEmpty() {
        return probes.isEmpty();
    }

    /** Makes every check due now, and forgets what was seen before. */
    public void restart() {
        for (Probe probe : probes) {
            probe.nextDue = Instant.MIN;
            probe.last = null;
        }
    }

    /** Probes every check that is due, one after the other. */
    public List<Seen> probeDue() {
        List<Seen> seen = new ArrayList<>();
        for (Probe probe : probes) {
            if (!clock.instant().isBefore(probe.nextDue)) {
                Observation observation = probe.check.observe();
                Instant at = clock.instant();
                probe.last = new Seen(probe.name, observation, at);
                probe.nextDue = at.plus(probe.interval);
                seen.add(probe.last);
            }
        }
        return seen;
    }

    public Instant nextDue() {
        return probes.stream().map(probe -> probe.nextDue).min(Instant::compareTo).orElse(Instant.MAX);
    }

    /** Every check was probed since {@link #restart} and none was unhealthy the last time. */
    public boolean allHealthy() {
        return probes.stream().allMatch(probe -> probe.last != null
                && probe.last.observation().health() != Health.UNHEALTHY);
    }

    /** The latest unhealthy observation, or null. */
    public Seen unhealthy() {
        return probes.stream().map(probe -> probe.last)
                .filter(last -> last != null && last.observation().health() == Health.UNHEALTHY)
                .findFirst().orElse(null);
    }

    @Override
    public void close() {
        for (Probe probe : probes) {
            try {
                probe.check.close();
            } catch (RuntimeException e) {
                // closing a probe's client frees resources only; the run's outcome does not depend on it
            }
        }
    }
}
