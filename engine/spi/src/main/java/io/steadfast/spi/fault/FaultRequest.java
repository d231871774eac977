package io.steadfast.spi.fault;

import io.steadfast.model.Dependency;
import io.steadfast.model.Fault;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One fault to apply to one registered service.
 *
 * @param service    the service under test, as registered from an admin's file
 * @param fault      the fault as the suite writes it
 * @param stage      the current stage's percentage for {@code cpu} and {@code memory}, else null
 * @param dependency the dependency disturbed, for tests of scope {@code dependency}, else null
 * @param instances  the instances in reach: a zone's for {@code zone-outage}, the service's for
 *                   {@code instance-stop}, else empty
 * @param lease      how long the fault may stay without {@link ActiveFault#renew}
 */
public record FaultRequest(
        ServiceDefinition service,
        Fault fault,
        Integer stage,
        Dependency dependency,
        List<Instance> instances,
        Duration lease) {

    public FaultRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(fault, "fault");
        Objects.requireNonNull(lease, "lease");
        instances = instances == null ? List.of() : List.copyOf(instances);
    }
}
