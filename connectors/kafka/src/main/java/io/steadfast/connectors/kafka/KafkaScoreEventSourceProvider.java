package io.steadfast.connectors.kafka;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.spi.ScoreEventSource;
import io.steadfast.spi.ScoreEventSourceProvider;
import java.util.Map;

/** Creates {@link KafkaScoreEventSource}s; the config's keys are {@link KafkaSettings}'. */
public final class KafkaScoreEventSourceProvider implements ScoreEventSourceProvider {

    @Override
    public String type() {
        return KafkaResultSourceProvider.TYPE;
    }

    @Override
    public ScoreEventSource create(Map<String, String> config) {
        return new KafkaScoreEventSource(KafkaSettings.from(config));
    }
}
