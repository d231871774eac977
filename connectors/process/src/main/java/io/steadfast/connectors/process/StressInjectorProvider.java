package io.steadfast.connectors.process;

import io.steadfast.connectors.process.config.ProcessSettings;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultInjectorProvider;
import java.util.Map;
import java.util.Set;

/** Provides the {@link StressInjector}, for {@code cpu} and {@code memory}. */
public final class StressInjectorProvider implements FaultInjectorProvider {

    static final Set<String> TYPES = Set.of("cpu", "memory");

    @Override
    public Set<String> types() {
        return TYPES;
    }

    /** {@inheritDoc} Reads the keys of {@link ProcessSettings}. */
    @Override
    public FaultInjector create(Map<String, String> config) {
        return new StressInjector(ProcessSettings.from(config));
    }
}
