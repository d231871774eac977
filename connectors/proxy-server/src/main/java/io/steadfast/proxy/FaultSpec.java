package io.steadfast.proxy;

import java.util.Objects;

/**
 * A fault to apply to a route, as the control API's {@code PUT /routes/{listen}/fault} takes it.
 *
 * @param latencyMs     added latency, for {@link FaultType#LATENCY}, else 0
 * @param jitterMs      the added latency varies uniformly by up to this much either way, for
 *                      {@link FaultType#LATENCY}, else 0
 * @param bandwidthKbps kilobits (1,000 bits) per second in each direction, for {@link FaultType#BANDWIDTH}, else 0
 * @param leaseMs       the proxy reverts the fault by itself this long after it was applied or last renewed
 */
public record FaultSpec(FaultType type, int latencyMs, int jitterMs, int bandwidthKbps, long leaseMs) {

    public FaultSpec {
        Objects.requireNonNull(type, "type");
        if (latencyMs < 0 || jitterMs < 0 || bandwidthKbps < 0) {
            throw new IllegalArgumentException("latencyMs, jitterMs and bandwidthKbps must be >= 0");
        }
        if (type == FaultType.BANDWIDTH && bandwidthKbps == 0) {
            throw new IllegalArgumentException("bandwidthKbps of a bandwidth fault must be > 0, but was 0");
        }
        if (leaseMs <= 0) {
            throw new IllegalArgumentException("leaseMs must be > 0, but was " + leaseMs);
        }
    }

    public static FaultSpec latency(int latencyMs, int jitterMs, long leaseMs) {
        return new FaultSpec(FaultType.LATENCY, latencyMs, jitterMs, 0, leaseMs);
    }

    public static FaultSpec blackhole(long leaseMs) {
        return new FaultSpec(FaultType.BLACKHOLE, 0, 0, 0, leaseMs);
    }

    public static FaultSpec reset(long leaseMs) {
        return new FaultSpec(FaultType.RESET, 0, 0, 0, leaseMs);
    }

    public static FaultSpec bandwidth(int bandwidthKbps, long leaseMs) {
        return new FaultSpec(FaultType.BANDWIDTH, 0, 0, bandwidthKbps, leaseMs);
    }

    /** For a person: {@code latency +100 ms ±10 ms}, {@code bandwidth 800 kbps}, {@code blackhole}. */
    public String describe() {
        return switch (type) {
            case LATENCY -> "latency +" + latencyMs + " ms ±" + jitterMs + " ms on data back from the upstream";
            case BANDWIDTH -> "bandwidth " + bandwidthKbps + " kbps each way";
            default -> type.wireName();
        };
    }
}
