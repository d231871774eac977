package io.steadfast.model;

import java.util.List;

/**
 * The fault a test applies. Fields that do not apply to a type are null.
 *
 * @param type       {@code cpu}, {@code memory}, {@code instance-stop}, {@code zone-outage},
 *                   {@code blackhole}, {@code latency}, {@code reset}, {@code bandwidth}, {@code exec}
 * @param stages     percentages for {@code cpu} and {@code memory}; stages share the duration equally
 * @param count      instances to stop, for {@code instance-stop}
 * @param latencyMs  added latency, for {@code latency}
 * @param jitterMs   latency jitter, for {@code latency}
 * @param bandwidthKbps bandwidth limit, for {@code bandwidth}
 * @param inject     shell command that applies the fault, for {@code exec}
 * @param revert     shell command that reverts it, for {@code exec}
 */
public record Fault(
        String type,
        List<Integer> stages,
        Integer count,
        Integer latencyMs,
        Integer jitterMs,
        Integer bandwidthKbps,
        String inject,
        String revert) {

    public Fault {
        stages = stages == null ? null : List.copyOf(stages);
    }
}
