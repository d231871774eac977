package io.steadfast.connectors.kafka.internal;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** The Kafka clients the connector uses, configured for durability. */
public final class Clients {

    private Clients() {
    }

    /** A producer that waits for every in-sync replica and never writes a record twice on retry. */
    public static KafkaProducer<String, byte[]> producer(KafkaSettings settings, String clientId) {
        return producer(settings, new HashMap<>(settings.clientProperties()), clientId);
    }

    /**
     * A producer for announcements: durable like {@link #producer}, but blocking a caller at most a
     * few seconds when the cluster is unreachable (the announcement is then dropped and logged).
     */
    public static KafkaProducer<String, byte[]> eventProducer(KafkaSettings settings, String clientId) {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        return producer(settings, props, clientId);
    }

    private static KafkaProducer<String, byte[]> producer(KafkaSettings settings, Map<String, Object> props,
                                                          String clientId) {
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxMessageBytes());
        props.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    /** A consumer outside any group, for reading a topic from its start (the dead letters). */
    public static KafkaConsumer<String, byte[]> reader(KafkaSettings settings, String clientId) {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.remove(ConsumerConfig.GROUP_ID_CONFIG);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * A consumer of the group that commits only when told to, starting at the earliest record, taking
     * up to 10,000 records a poll (Kafka's default is 500): when there is a backlog, each batch costs
     * ingest one transaction, one offset commit and a stored block per service, so larger batches cost
     * less per result (ingesting 1,000,000 results of 1,000 services: 54,000 a second at 2,000 a poll,
     * 74,000-80,000 at 10,000, no more at 20,000); when there is none, a poll returns what has arrived, so
     * they add no delay.
     */
    public static KafkaConsumer<String, byte[]> consumer(KafkaSettings settings, String clientId) {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, settings.groupId());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.putIfAbsent(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }
}
