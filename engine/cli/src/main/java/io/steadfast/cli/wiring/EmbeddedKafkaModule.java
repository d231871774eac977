package io.steadfast.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import io.steadfast.app.Settings;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.connectors.kafka.KafkaResultSourceProvider;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Results over an in-process Kafka broker on {@code 127.0.0.1:port}, its data and the credential
 * its clients need under {@code <data dir>/kafka}. The broker is created here and started by
 * whoever runs the {@code broker} lifecycle.
 */
public final class EmbeddedKafkaModule extends AbstractModule {

    public static final int DEFAULT_PORT = 9092;

    private final int port;

    public EmbeddedKafkaModule(int port) {
        this.port = port;
    }

    /** Where the embedded broker of a data directory keeps its data and credential. */
    public static Path brokerDir(Path dataDir) {
        return dataDir.resolve("kafka");
    }

    @Provides
    @Singleton
    EmbeddedKafka broker(Settings settings) {
        return EmbeddedKafka.onPort(port, brokerDir(settings.dataDir()));
    }

    @Provides
    @Singleton
    @Named("broker")
    Lifecycle brokerLifecycle(EmbeddedKafka broker) {
        return Lifecycle.of("embedded Kafka broker on " + broker.bootstrapServers(), broker::start, broker::stop);
    }

    @Provides
    @Singleton
    ConnectorConfig connector(EmbeddedKafka broker) {
        return new ConnectorConfig(KafkaResultSourceProvider.TYPE, broker.clientProperties());
    }
}
