package io.steadfast.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.name.Named;
import io.steadfast.app.UsageException;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.connectors.kafka.KafkaResultSourceProvider;
import io.steadfast.connectors.kafka.config.KafkaSettings;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Results over an external Kafka cluster: {@code --kafka-bootstrap host:port,...}, with extra
 * client settings (SASL, SSL, the connector's {@code steadfast.*} keys) from an optional properties
 * file, read when first needed. There is no broker to start.
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
    ConnectorConfig connector() {
        Map<String, String> settings = new LinkedHashMap<>();
        if (propertiesFile != null) {
            Properties props = new Properties();
            try (Reader reader = Files.newBufferedReader(propertiesFile)) {
                props.load(reader);
            } catch (IOException e) {
                throw new UsageException("--kafka-properties file '" + propertiesFile + "' must be readable, but was not: "
                        + e.getMessage());
            }
            props.stringPropertyNames().forEach(name -> settings.put(name, props.getProperty(name)));
        }
        settings.put(KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers);
        return new ConnectorConfig(KafkaResultSourceProvider.TYPE, settings);
    }
}
