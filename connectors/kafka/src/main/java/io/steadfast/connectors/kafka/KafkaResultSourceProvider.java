package io.steadfast.connectors.kafka;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.spi.ResultSource;
import io.steadfast.spi.ResultSourceProvider;
import java.time.Clock;
import java.util.Map;

/** Creates {@link KafkaResultSource}s on the system clock; the config's keys are {@link KafkaSettings}'. */
public final class KafkaResultSourceProvider implements ResultSourceProvider {

    public static final String TYPE = "kafka";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ResultSource create(Map<String, String> config) {
        return new KafkaResultSource(KafkaSettings.from(config), Clock.systemUTC());
    }
}
