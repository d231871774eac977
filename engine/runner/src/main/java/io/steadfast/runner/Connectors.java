package io.steadfast.runner;

import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultInjectorProvider;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.HealthCheckProvider;
import io.steadfast.spi.health.StaticCheckProvider;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The fault, health-check and static-check connectors the runner uses, by type, built from their
 * providers (the application finds them with {@link java.util.ServiceLoader}). Asking for a type no
 * connector handles fails with a message naming the type and the known ones.
 */
public final class Connectors {

    private final Map<String, FaultInjector> injectors;
    private final Map<String, HealthCheckProvider> healthChecks;
    private final Map<String, StaticCheckProvider> staticChecks;

    private Connectors(Map<String, FaultInjector> injectors, Map<String, HealthCheckProvider> healthChecks,
                       Map<String, StaticCheckProvider> staticChecks) {
        this.injectors = injectors;
        this.healthChecks = healthChecks;
        this.staticChecks = staticChecks;
    }

    public static Connectors of(List<FaultInjectorProvider> faults, List<HealthCheckProvider> healthChecks,
                                List<StaticCheckProvider> staticChecks, Map<String, String> config) {
        Map<String, FaultInjector> injectors = new TreeMap<>();
        for (FaultInjectorProvider provider : faults) {
            FaultInjector injector = provider.create(config);
            provider.types().forEach(type -> register(injectors, type, injector, "fault"));
        }
        return new Connectors(injectors, byType(healthChecks, HealthCheckProvider::types, "health-check"),
                byType(staticChecks, StaticCheckProvider::types, "static-check"));
    }

    public FaultInjector injector(String faultType) {
        return required(injectors, faultType, "fault");
    }

    public HealthCheck healthCheck(HealthCheckSpec spec) {
        return required(healthChecks, spec.type(), "health-check").create(spec);
    }

    public StaticCheckProvider staticCheck(String checkType) {
        return required(staticChecks, checkType, "static-check");
    }

    private static <P> Map<String, P> byType(List<P> providers, Function<P, java.util.Set<String>> types, String kind) {
        Map<String, P> byType = new TreeMap<>();
        for (P provider : providers) {
            types.apply(provider).forEach(type -> register(byType, type, provider, kind));
        }
        return byType;
    }

    private static <T> void register(Map<String, T> byType, String type, T connector, String kind) {
        T before = byType.putIfAbsent(type, connector);
        if (before != null) {
            throw new IllegalStateException(kind + " type '" + type + "' must have one connector, but was claimed by "
                    + before.getClass().getName() + " and " + connector.getClass().getName());
        }
    }

    private static <T> T required(Map<String, T> byType, String type, String kind) {
        T connector = byType.get(type);
        if (connector == null) {
            throw new FaultException(kind + " type '" + type + "' must have a connector installed, but none handles it"
                    + " (known: " + String.join(", ", byType.keySet()) + ")");
        }
        return connector;
    }
}
