package io.steadfast.connectors.kafka;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.ResultSinkProvider;
import java.util.Map;

/** Creates {@link KafkaResultSink}s; the config's keys are {@link KafkaSettings}'. */
public final class KafkaResultSinkProvider implements ResultSinkProvider {

    public static final String TYPE = "kafka";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ResultSink create(Map<String, String> config) {
        return new KafkaResultSink(KafkaSettings.from(config));
    }
}
