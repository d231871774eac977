package io.steadfast.spi.event;

import java.util.Objects;

/**
 * A gate decision was recorded: what the engine publishes to {@code steadfast.gates}, keyed by
 * service id, for audit.
 *
 * @param service      the service id
 * @param decisionJson the decision as the JSON that {@code steadfast gate --json} prints
 */
public record GateEvent(String service, String decisionJson) {

    public GateEvent {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(decisionJson, "decisionJson");
    }
}
