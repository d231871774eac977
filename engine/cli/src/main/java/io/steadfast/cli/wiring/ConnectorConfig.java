package io.steadfast.cli.wiring;

import java.util.Map;
import java.util.Objects;

/**
 * Which connector carries results, and its settings (the flat map its provider reads).
 *
 * @param type     the provider type, such as {@code kafka}
 * @param settings the connector's settings
 */
public record ConnectorConfig(String type, Map<String, String> settings) {

    public ConnectorConfig {
        Objects.requireNonNull(type, "type");
        settings = Map.copyOf(settings);
    }
}
