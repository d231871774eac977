package io.steadfast.connectors.kafka;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.spi.ScoreEventSinkProvider;
import java.util.Map;

/** Creates {@link KafkaScoreEventSink}s; the config's keys are {@link KafkaSettings}'. */
public final class KafkaScoreEventSinkProvider implements ScoreEventSinkProvider {

    public static final String TYPE = "kafka";

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public ScoreEventSink create(Map<String, String> config) {
        return new KafkaScoreEventSink(KafkaSettings.from(config));
    }
}
