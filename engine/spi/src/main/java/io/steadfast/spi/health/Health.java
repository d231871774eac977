package io.steadfast.spi.health;

/** What one health-check observation found. */
public enum Health {
    HEALTHY,
    /** Healthy, but past the check's warning level ({@code warnLatency}): a result becomes DEGRADED. */
    WARNING,
    UNHEALTHY
}
