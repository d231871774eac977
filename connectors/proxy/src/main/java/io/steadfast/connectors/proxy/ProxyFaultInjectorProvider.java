package io.steadfast.connectors.proxy;

import io.steadfast.connectors.proxy.config.ProxySettings;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultInjectorProvider;
import java.util.Map;
import java.util.Set;

/**
 * Provides the {@link ProxyFaultInjector} for the network faults a TCP fault proxy applies to a
 * dependency: {@code latency}, {@code blackhole}, {@code reset} and {@code bandwidth}. Settings:
 * {@link ProxySettings}.
 */
public final class ProxyFaultInjectorProvider implements FaultInjectorProvider {

    public static final Set<String> TYPES = Set.of("latency", "blackhole", "reset", "bandwidth");

    @Override
    public Set<String> types() {
        return TYPES;
    }

    @Override
    public FaultInjector create(Map<String, String> config) {
        return new ProxyFaultInjector(ProxySettings.from(config));
    }
}
