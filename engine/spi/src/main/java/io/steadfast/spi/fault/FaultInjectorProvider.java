package io.steadfast.spi.fault;

import java.util.Map;
import java.util.Set;

/**
 * Creates the {@link FaultInjector} for some fault types. Found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/io.steadfast.spi.fault.FaultInjectorProvider} file per connector
 * module); the runner picks the provider by the fault's {@code type}. Implementations have a public
 * no-argument constructor and no state.
 */
public interface FaultInjectorProvider {

    /** The fault types handled, as suites write them: {@code latency}, {@code instance-stop}, ... */
    Set<String> types();

    /**
     * A new injector.
     *
     * @param config the engine's settings for fault connectors; each connector documents its keys
     *               and ignores the others
     * @throws io.steadfast.spi.errors.SteadfastException when a setting is invalid, naming it
     */
    FaultInjector create(Map<String, String> config);
}
