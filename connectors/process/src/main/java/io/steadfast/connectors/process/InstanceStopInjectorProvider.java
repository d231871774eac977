package io.steadfast.connectors.process;

import io.steadfast.connectors.process.config.ProcessSettings;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultInjectorProvider;
import java.util.Map;
import java.util.Set;

/** Provides the {@link InstanceStopInjector}, for {@code instance-stop} and {@code zone-outage}. */
public final class InstanceStopInjectorProvider implements FaultInjectorProvider {

    static final Set<String> TYPES = Set.of("instance-stop", "zone-outage");

    @Override
    public Set<String> types() {
        return TYPES;
    }

    /** {@inheritDoc} Reads the keys of {@link ProcessSettings}. */
    @Override
    public FaultInjector create(Map<String, String> config) {
        return new InstanceStopInjector(ProcessSettings.from(config));
    }
}
