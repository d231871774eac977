package io.steadfast.spi.health;

import io.steadfast.model.HealthCheckSpec;
import java.util.Set;

/**
 * Creates {@link HealthCheck}s of some types ({@code http}, {@code tcp}, {@code tls}). Found with
 * {@link java.util.ServiceLoader}; the runner picks the provider by the spec's {@code type}.
 * Implementations have a public no-argument constructor and no state.
 */
public interface HealthCheckProvider {

    Set<String> types();

    HealthCheck create(HealthCheckSpec spec);
}
