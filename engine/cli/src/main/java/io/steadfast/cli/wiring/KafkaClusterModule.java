package io.steadfast.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import io.steadfast.app.Settings;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.cli.wiring.internal.ClusterClientSettings;
import io.steadfast.connectors.kafka.KafkaResultSourceProvider;
import jakarta.inject.Singleton;
import java.nio.file.Path;

/**
 * Results over an external Kafka cluster: {@code --kafka-bootstrap host:port,...}, with extra
 * client settings (SASL, SSL, the connector's {@code steadfast.*} keys) from an optional properties
 * file, read when first needed. There is no broker to start. A cluster on loopback may be the
 * embedded broker of a running {@code steadfast serve} on the same data directory: its credential
 * is then used (the rule is {@link ClusterClientSettings}'s).
 */
public final class KafkaClusterModule extends AbstractModule {

    private final String bootstrapServers;
    private final Path propertiesFile;

    /** @param propertiesFile extra client settings, or null */
    public KafkaClusterModule(String bootstrapServers, Path propertiesFile) {
        this.bootstrapServers = bootstrapServers;
        this.propertiesFile = propertiesFile;
    }

    @Provides
    @Singleton
    @Named("broker")
    Lifecycle brokerLifecycle() {
        return Lifecycle.none("Kafka cluster " + bootstrapServers);
    }

    @Provides
    @Singleton
    ConnectorConfig connector(Settings settings) {
        return new ConnectorConfig(KafkaResultSourceProvider.TYPE, ClusterClientSettings.of(bootstrapServers,
                propertiesFile, EmbeddedKafkaModule.brokerDir(settings.dataDir())));
    }
}
