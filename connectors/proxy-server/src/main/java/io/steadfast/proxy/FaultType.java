package io.steadfast.proxy;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The faults the proxy applies to a route, one at a time. */
public enum FaultType {

    /** {@code latencyMs ± jitterMs} added to data flowing back from the upstream to the client, order kept. */
    LATENCY,
    /** New connections accepted and held without connecting upstream; existing ones stop forwarding. */
    BLACKHOLE,
    /** New and existing connections reset (RST, {@code SO_LINGER} 0) on both sides. */
    RESET,
    /** Each direction of the route limited to {@code bandwidthKbps}, shared by its connections. */
    BANDWIDTH;

    /** The name used on the control API and in suites: {@code latency}, {@code blackhole}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The type of a wire name, if there is one. */
    public static Optional<FaultType> ofWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName().equals(name)).findFirst();
    }
}
