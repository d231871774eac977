package io.steadfast.cli.wiring.internal;

import io.steadfast.app.UsageException;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.connectors.kafka.config.KafkaSettings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * The connector settings for {@code --kafka-bootstrap}: the {@code --kafka-properties} file's, over
 * the credential of the data directory's embedded broker when the cluster may be that broker.
 *
 * <p>The rule: when every bootstrap address is on loopback ({@code 127.*}, {@code localhost},
 * {@code ::1}), the embedded broker's {@code <data dir>/kafka/client.properties} exists and the
 * properties file, if any, does not set {@code security.protocol}, the client settings of that file
 * come first. Otherwise the properties file alone decides.
 */
public final class ClusterClientSettings {

    private static final String SECURITY_PROTOCOL = "security.protocol";

    private ClusterClientSettings() {
    }

    /** @param propertiesFile the {@code --kafka-properties} file, or null; @param brokerDir the embedded broker's data */
    public static Map<String, String> of(String bootstrapServers, Path propertiesFile, Path brokerDir) {
        Map<String, String> given = propertiesFile == null ? Map.of()
                : read(propertiesFile, "--kafka-properties file '" + propertiesFile + "'");
        Path credential = EmbeddedKafka.clientPropertiesFile(brokerDir);
        Map<String, String> settings = new LinkedHashMap<>();
        if (onLoopback(bootstrapServers) && !given.containsKey(SECURITY_PROTOCOL) && Files.exists(credential)) {
            settings.putAll(read(credential, "embedded Kafka credential '" + credential + "'"));
        }
        settings.putAll(given);
        settings.put(KafkaSettings.BOOTSTRAP_SERVERS, bootstrapServers);
        return settings;
    }

    static boolean onLoopback(String bootstrapServers) {
        return Stream.of(bootstrapServers.split(",")).map(String::strip).map(ClusterClientSettings::host)
                .allMatch(host -> host.equalsIgnoreCase("localhost") || host.startsWith("127.") || host.equals("::1"));
    }

    /** The host of {@code host:port}, {@code [v6]:port} or a bare host. */
    private static String host(String address) {
        if (address.startsWith("[")) {
            int end = address.indexOf(']');
            return end < 0 ? address : address.substring(1, end);
        }
        int colon = address.lastIndexOf(':');
        return colon < 0 ? address : address.substring(0, colon);
    }

    private static Map<String, String> read(Path file, String what) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UsageException(what + " must be readable, but was not: " + e.getMessage());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(name -> settings.put(name, props.getProperty(name)));
        return settings;
    }
}
