package io.steadfast.model;

import java.time.Duration;

/**
 * How the runner knows a service is healthy. Fields that do not apply to a type are null.
 *
 * @param type         {@code http}, {@code tcp} or {@code tls}
 * @param url          for {@code http}
 * @param address      {@code host:port}, for {@code tcp} and {@code tls}
 * @param expectStatus for {@code http}; default 200
 * @param warnLatency  crossing it (but not maxLatency) makes a result DEGRADED
 * @param maxLatency   crossing it is unhealthy
 * @param interval     time between probes
 * @param jsonField    for {@code http}: a dotted path into the JSON body that must equal {@code jsonValue}
 * @param jsonValue    the value {@code jsonField} must have, compared as text
 */
public record HealthCheckSpec(
        String type,
        String url,
        String address,
        Integer expectStatus,
        Duration warnLatency,
        Duration maxLatency,
        Duration interval,
        String jsonField,
        String jsonValue) {
}
