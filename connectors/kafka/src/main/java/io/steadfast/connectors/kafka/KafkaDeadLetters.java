package io.steadfast.connectors.kafka;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.connectors.kafka.internal.Clients;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.errors.SteadfastException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The dead-letter topic ({@code steadfast.results.dlq}) as an operator sees it: {@link #list} reads
 * every record on it; {@link #replay} produces records of it back to the results topic, with their
 * original key and bytes, for the engine to ingest again (after a fix was deployed, for one).
 * Ingest is idempotent by result id, so replaying a record twice stores it once; a record that is
 * still bad is dead-lettered again. Dead letters stay on the topic (Kafka deletes none by hand);
 * they age out with its retention. Not thread-safe; one use per command.
 */
public final class KafkaDeadLetters implements AutoCloseable {

    /** Header of a replayed record on the results topic: the dead letter it came from ({@code topic-partition@offset}). */
    public static final String REPLAYED_FROM = "steadfast.replayed.from";

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    /**
     * One record of the dead-letter topic.
     *
     * @param partition       its partition on the dead-letter topic
     * @param offset          its offset there
     * @param key             the original key (the service id), or null
     * @param value           the original bytes, or null
     * @param reason          why it was rejected ({@link DeadLetterHeaders#REASON}), or null when the header is missing
     * @param source          where it was read from, {@code topic-partition@offset}, or null when unknown
     * @param timestamp       when it was dead-lettered
     */
    public record Entry(int partition, long offset, String key, byte[] value, String reason, String source,
                        Instant timestamp) {
    }

    private final KafkaSettings settings;
    private final Consumer<String, byte[]> reader;
    private Producer<String, byte[]> producer;

    public KafkaDeadLetters(KafkaSettings settings) {
        this.settings = settings;
        this.reader = Clients.reader(settings, "steadfast-dlq");
    }

    /**
     * Every record now on the dead-letter topic, by partition and offset; empty when the topic does
     * not exist.
     *
     * @throws RetriableException when the cluster does not answer in time
     */
    public List<Entry> list() {
        List<TopicPartition> partitions;
        try {
            partitions = reader.partitionsFor(settings.dlqTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        } catch (KafkaException e) {
            throw unreachable(e);
        }
        if (partitions.isEmpty()) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try {
            reader.assign(partitions);
            reader.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = reader.endOffsets(partitions);
            Instant deadline = Instant.now().plus(READ_TIMEOUT);
            while (partitions.stream().anyMatch(p -> reader.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new RetriableException("dead-letter topic '" + settings.dlqTopic() + "' must be readable to its end"
                            + " within " + READ_TIMEOUT.toSeconds() + "s, but was not");
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(Duration.ofMillis(200))) {
                    if (record.offset() < end.get(new TopicPartition(record.topic(), record.partition()))) {
                        entries.add(entry(record));
                    }
                }
            }
        } catch (KafkaException e) {
            throw unreachable(e);
        }
        entries.sort(Comparator.comparingInt(Entry::partition).thenComparingLong(Entry::offset));
        return entries;
    }

    /**
     * Produces dead letters back to the results topic and waits until the cluster acknowledged them.
     *
     * @param entries records of {@link #list}
     */
    public void replay(List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        if (producer == null) {
            producer = Clients.producer(settings, "steadfast-dlq-replay");
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        for (Entry entry : entries) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(REPLAYED_FROM, (settings.dlqTopic() + "-" + entry.partition() + "@" + entry.offset())
                    .getBytes(StandardCharsets.UTF_8));
            sent.add(producer.send(new ProducerRecord<>(settings.resultsTopic(), null, null, entry.key(), entry.value(),
                    headers)));
        }
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            try {
                sent.get(i).get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException("interrupted while replaying dead letters", e);
            } catch (ExecutionException e) {
                Entry entry = entries.get(i);
                throw new SteadfastException("dead letter " + entry.partition() + "@" + entry.offset()
                        + " must be acknowledged by topic '" + settings.resultsTopic() + "', but was not: "
                        + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private RetriableException unreachable(KafkaException e) {
        return new RetriableException("kafka cluster '" + settings.bootstrapServers() + "' must answer for topic '"
                + settings.dlqTopic() + "', but did not: " + e.getMessage(), e);
    }

    private static Entry entry(ConsumerRecord<String, byte[]> record) {
        String topic = header(record, DeadLetterHeaders.TOPIC);
        String partition = header(record, DeadLetterHeaders.PARTITION);
        String offset = header(record, DeadLetterHeaders.OFFSET);
        String source = topic == null ? null : topic + "-" + partition + "@" + offset;
        return new Entry(record.partition(), record.offset(), record.key(), record.value(),
                header(record, DeadLetterHeaders.REASON), source,
                record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp()));
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        reader.close();
        if (producer != null) {
            producer.close();
        }
    }
}
