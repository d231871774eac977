package io.steadfast.connectors.process;

import io.steadfast.connectors.process.config.ProcessSettings;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultInjectorProvider;
import java.util.Map;
import java.util.Set;

/** Provides the {@link ExecInjector}, for {@code exec}. */
public final class ExecInjectorProvider implements FaultInjectorProvider {

    static final Set<String> TYPES = Set.of("exec");

    @Override
    public Set<String> types() {
        return TYPES;
    }

    /** {@inheritDoc} Reads the keys of {@link ProcessSettings}. */
    @Override
    public FaultInjector create(Map<String, String> config) {
        return new ExecInjector(ProcessSettings.from(config));
    }
}
