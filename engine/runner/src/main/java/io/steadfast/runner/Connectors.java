package io.steadfast.runner;

import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.ConnectorTypes;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultInjectorProvider;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.HealthCheckProvider;
import io.steadfast.spi.health.StaticCheckProvider;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fault, health-check and static-check connectors the runner uses, by type, built from their
 * providers (the application finds them with {@link java.util.ServiceLoader}). Asking for a type no
 * connector handles fails with a message naming the type and the known ones.
 */
public final class Connectors {

    private final ConnectorTypes<FaultInjectorProvider> faults;
    private final Map<FaultInjectorProvider, FaultInjector> injectors;
    private final ConnectorTypes<HealthCheckProvider> healthChecks;
    private final ConnectorTypes<StaticCheckProvider> staticChecks;

    private Connectors(ConnectorTypes<FaultInjectorProvider> faults, Map<FaultInjectorProvider, FaultInjector> injectors,
                       ConnectorTypes<HealthCheckProvider> healthChecks, ConnectorTypes<StaticCheckProvider> staticChecks) {
        this.faults = faults;
        this.injectors = injectors;
        this.healthChecks = healthChecks;
        this.staticChecks = staticChecks;
    }

    public static Connectors of(List<FaultInjectorProvider> faults, List<HealthCheckProvider> healthChecks,
                                List<StaticCheckProvider> staticChecks, Map<String, String> config) {
        ConnectorTypes<FaultInjectorProvider> faultTypes = ConnectorTypes.of("fault", faults, FaultInjectorProvider::types);
        Map<FaultInjectorProvider, FaultInjector> injectors = new IdentityHashMap<>();
        faults.forEach(provider -> injectors.put(provider, provider.create(config)));
        return new Connectors(faultTypes, injectors,
                ConnectorTypes.of("health-check", healthChecks, HealthCheckProvider::types),
                ConnectorTypes.of("static-check", staticChecks, StaticCheckProvider::types));
    }

    /** The injector of a fault type; {@link FaultException} when no connector handles it. */
    public FaultInjector injector(String faultType) {
        return injectors.get(required(faults, faultType));
    }

    public HealthCheck healthCheck(HealthCheckSpec spec) {
        return required(healthChecks, spec.type()).create(spec);
    }

    public StaticCheckProvider staticCheck(String checkType) {
        return required(staticChecks, checkType);
    }

    /** A type no connector handles makes the test an ERROR, as any fault that cannot be run does. */
    private static <C> C required(ConnectorTypes<C> connectors, String type) {
        try {
            return connectors.get(type);
        } catch (ConnectorTypes.UnknownTypeException e) {
            throw new FaultException(e.getMessage());
        }
    }
}
