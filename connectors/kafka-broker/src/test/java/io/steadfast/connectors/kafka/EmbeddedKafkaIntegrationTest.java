package io.steadfast.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.connectors.kafka.internal.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker lets in only clients with the credential it generated into its data
 * directory: a producer without it, or with a wrong password, cannot write a forged result to the
 * results topic, and nothing of theirs is stored.
 */
class EmbeddedKafkaIntegrationTest {

    private static final String RESULTS = "steadfast.results";

    @TempDir
    static Path temp;

    private static EmbeddedKafka broker;

    @BeforeAll
    static void start() {
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        Topics.ensure(KafkaSettings.from(broker.clientProperties()));
    }

    @AfterAll
    static void stop() {
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void shouldKeepItsCredentialInFilesOnlyItsOwnerCanRead() throws Exception {
        Path properties = EmbeddedKafka.clientPropertiesFile(temp.resolve("kafka"));
        Path kcat = temp.resolve("kafka").resolve("kcat.conf");

        for (Path file : List.of(properties, kcat, temp.resolve("kafka").resolve("server.properties"))) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).as(file.toString())
                    .isEqualTo("rw-------");
        }
        assertThat(Files.readString(properties)).contains("security.protocol=SASL_PLAINTEXT", "sasl.mechanism=PLAIN",
                "username\\=\"steadfast\"");
        assertThat(Files.readString(kcat)).contains("sasl.username=steadfast", "sasl.password=");
    }

    @Test
    void shouldReuseTheCredentialOfItsDataDirectory() throws Exception {
        Path dir = temp.resolve("reused");
        EmbeddedKafka first = EmbeddedKafka.onFreePort(dir);
        String file = Files.readString(EmbeddedKafka.clientPropertiesFile(dir));

        EmbeddedKafka second = EmbeddedKafka.onFreePort(dir);

        assertThat(Files.readString(EmbeddedKafka.clientPropertiesFile(dir))).isEqualTo(file);
        assertThat(second.clientProperties().get("sasl.jaas.config"))
                .isEqualTo(first.clientProperties().get("sasl.jaas.config"))
                .isNotEqualTo(broker.clientProperties().get("sasl.jaas.config"));
    }

    @Test
    void shouldStoreWhatAClientWithTheCredentialProduces() throws Exception {
        String marker = "trusted-" + System.nanoTime();

        try (KafkaProducer<String, String> producer = producer(Map.of())) {
            producer.send(new ProducerRecord<>(RESULTS, "api", marker)).get(30, TimeUnit.SECONDS);
        }

        assertThat(values()).contains(marker);
    }

    @Test
    void shouldRefuseAProducerWithoutTheCredential() {
        String forged = "forged-plaintext-" + System.nanoTime();
        Map<String, Object> plaintext = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000);

        try (KafkaProducer<String, String> producer = new KafkaProducer<>(plaintext, new StringSerializer(),
                new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(RESULTS, "api", forged)).get(30,
                    TimeUnit.SECONDS)).hasMessageContaining("not present in metadata after 3000 ms");
        }

        assertThat(values()).doesNotContain(forged);
    }

    @Test
    void shouldRefuseAProducerWithAWrongPassword() {
        String forged = "forged-password-" + System.nanoTime();
        Map<String, Object> wrong = Map.of("sasl.jaas.config",
                "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"steadfast\""
                        + " password=\"guessed\";");

        try (KafkaProducer<String, String> producer = producer(wrong)) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(RESULTS, "api", forged)).get(30,
                    TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(SaslAuthenticationException.class);
        }

        assertThat(values()).doesNotContain(forged);
    }

    private static KafkaProducer<String, String> producer(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>(broker.clientProperties());
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.putAll(overrides);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Every value on the results topic, read with the credential. */
    private static List<String> values() {
        Map<String, Object> props = new HashMap<>(broker.clientProperties());
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(RESULTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<String> values = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
