package io.steadfast.spi.health;

/** Probes one health check of a service. Safe to call from one thread at a time. */
public interface HealthCheck extends AutoCloseable {

    /**
     * Probes once, within the check's {@code maxLatency} (or a connector default) and never
     * longer. Never throws for what the target does: a refused connection, a timeout or a wrong
     * status is an {@link Health#UNHEALTHY} observation saying so.
     */
    Observation observe();

    @Override
    default void close() {
    }
}
