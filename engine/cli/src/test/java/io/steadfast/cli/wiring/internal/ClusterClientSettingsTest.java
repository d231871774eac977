package io.steadfast.cli.wiring.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When a {@code --kafka-bootstrap} command uses the embedded broker's credential, and when not. */
class ClusterClientSettingsTest {

    @TempDir
    Path temp;

    private Path brokerDir;

    @BeforeEach
    void credential() throws Exception {
        brokerDir = Files.createDirectories(temp.resolve("kafka"));
        Files.writeString(brokerDir.resolve("client.properties"),
                "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\nsasl.jaas.config=secret\n");
    }

    @Test
    void shouldUseTheCredentialForABootstrapOnLoopback() {
        for (String bootstrap : new String[]{"127.0.0.1:9092", "localhost:9092", "[::1]:9092",
                "127.0.0.1:9092,localhost:9093"}) {
            assertThat(ClusterClientSettings.of(bootstrap, null, brokerDir)).as(bootstrap)
                    .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.jaas.config", "secret")
                    .containsEntry("bootstrap.servers", bootstrap);
        }
    }

    @Test
    void shouldLetThePropertiesFileAddToTheCredentialAndOverrideIt() throws Exception {
        Path props = Files.writeString(temp.resolve("extra.properties"), "steadfast.topic.partitions=6\n"
                + "sasl.jaas.config=mine\n");

        assertThat(ClusterClientSettings.of("127.0.0.1:9092", props, brokerDir))
                .containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.jaas.config", "mine")
                .containsEntry("steadfast.topic.partitions", "6");
    }

    @Test
    void shouldLeaveItToThePropertiesFileWhenItSetsTheSecurityProtocol() throws Exception {
        Path props = Files.writeString(temp.resolve("plain.properties"), "security.protocol=PLAINTEXT\n");

        assertThat(ClusterClientSettings.of("127.0.0.1:9092", props, brokerDir))
                .isEqualTo(Map.of("security.protocol", "PLAINTEXT", "bootstrap.servers", "127.0.0.1:9092"));
    }

    @Test
    void shouldNotSendTheCredentialToAClusterOffLoopback() {
        assertThat(ClusterClientSettings.of("kafka.example.com:9092", null, brokerDir))
                .isEqualTo(Map.of("bootstrap.servers", "kafka.example.com:9092"));
        assertThat(ClusterClientSettings.of("127.0.0.1:9092,10.0.0.5:9092", null, brokerDir))
                .doesNotContainKey("sasl.jaas.config");
    }

    @Test
    void shouldUseNoCredentialWhenTheDataDirectoryHasNone() {
        assertThat(ClusterClientSettings.of("127.0.0.1:9092", null, temp.resolve("elsewhere")))
                .isEqualTo(Map.of("bootstrap.servers", "127.0.0.1:9092"));
    }
}
