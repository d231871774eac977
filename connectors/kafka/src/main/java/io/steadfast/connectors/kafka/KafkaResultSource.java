package io.steadfast.connectors.kafka;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.connectors.kafka.internal.Clients;
import io.steadfast.connectors.kafka.internal.Topics;
import io.steadfast.spi.ResultSource;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.retry.Backoff;
import io.steadfast.spi.source.BatchHandler;
import io.steadfast.spi.source.BatchOutcome;
import io.steadfast.spi.source.DeadLetter;
import io.steadfast.spi.source.PartitionLag;
import io.steadfast.spi.source.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes the results topic as a member of the engine's consumer group, with at-least-once
 * delivery and nothing committed early.
 *
 * <p>For each polled batch: the handler runs; the records it rejects are produced to the
 * dead-letter topic (original key and bytes, {@link DeadLetterHeaders} for the reason and the
 * source position) and acknowledged; only then are the batch's offsets committed. When the handler
 * throws {@link RetriableException} (or dead-lettering fails), nothing is committed: the consumer
 * seeks back to the batch's first offsets, pauses its partitions (it keeps polling, so it stays in
 * the group) for a {@link Backoff} that doubles while the failure lasts, then resumes and retries the
 * same records. Any other handler exception ends {@link #run} and is rethrown.
 *
 * <p>{@link #close} lets the batch in hand finish: it is handled, dead-lettered and committed before
 * {@link #run} returns and the consumer leaves the group, so a graceful stop hands the partitions to
 * the group's other members at once with nothing to read again.
 *
 * <p>Creates the topics when missing. See {@link ResultSource} for lifecycle and threading.
 */
public final class KafkaResultSource implements ResultSource {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaResultSource.class);

    private enum State { NEW, RUNNING, CLOSED }

    private final KafkaSettings settings;
    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> dlqProducer;
    private final Runnable ensureTopics;
    private final Clock clock;
    private final Backoff.Failures failures;
    private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
    private Instant pausedUntil;
    private volatile List<PartitionLag> lag = List.of();

    public KafkaResultSource(KafkaSettings settings, Clock clock) {
        this(settings, Clients.consumer(settings, "steadfast-ingest"), Clients.producer(settings, "steadfast-dlq"),
                () -> Topics.ensure(settings), clock);
    }

    /** With clients of the caller's ({@code MockConsumer}/{@code MockProducer} in tests) and how topics are ensured. */
    public KafkaResultSource(KafkaSettings settings, Consumer<String, byte[]> consumer,
                             Producer<String, byte[]> dlqProducer, Runnable ensureTopics, Clock clock) {
        this.settings = settings;
        this.consumer = consumer;
        this.dlqProducer = dlqProducer;
        this.ensureTopics = ensureTopics;
        this.clock = clock;
        this.failures = Backoff.exponential(settings.retryBackoff(), settings.maxRetryBackoff()).failures();
    }

    @Override
    public void run(BatchHandler handler) {
        if (!state.compareAndSet(State.NEW, State.RUNNING)) {
            throw new IllegalStateException("result source must be run once, before it is closed, but was "
                    + state.get());
        }
        try {
            ensureTopics.run();
            consumer.subscribe(List.of(settings.resultsTopic()), new PauseNewPartitions());
            while (state.get() == State.RUNNING) {
                resumeWhenDue();
                ConsumerRecords<String, byte[]> records = consumer.poll(settings.pollTimeout());
                if (!records.isEmpty()) {
                    process(records, handler);
                }
                lag = currentLag();
            }
        } catch (WakeupException e) {
            if (state.get() != State.CLOSED) {
                throw e;
            }
        } finally {
            state.set(State.CLOSED);
            lag = List.of();
            closeClients();
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Per assigned partition of the results topic: the high watermark the last fetch saw minus the
     * consumer's position, which after a batch is its committed offset. A partition whose position or
     * watermark is not known yet (just assigned, nothing fetched) is left out.
     */
    @Override
    public List<PartitionLag> lag() {
        return lag;
    }

    private List<PartitionLag> currentLag() {
        List<PartitionLag> lags = new ArrayList<>();
        for (TopicPartition partition : consumer.assignment()) {
            OptionalLong behind = consumer.currentLag(partition);
            if (behind.isPresent()) {
                lags.add(new PartitionLag(partition.topic(), partition.partition(), Math.max(0, behind.getAsLong())));
            }
        }
        lags.sort(Comparator.comparing(PartitionLag::topic).thenComparingInt(PartitionLag::partition));
        return List.copyOf(lags);
    }

    private void process(ConsumerRecords<String, byte[]> records, BatchHandler handler) {
        List<RawRecord> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            batch.add(new RawRecord(record.topic(), record.partition(), record.offset(), record.key(), record.value(),
                    record.timestamp() < 0 ? null : Instant.ofEpochMilli(record.timestamp())));
        }
        try {
            BatchOutcome outcome = handler.handle(batch);
            deadLetter(outcome.deadLetters());
        } catch (RetriableException e) {
            retryLater(records, e);
            return;
        }
        commit(records);
        failures.succeeded();
    }

    private void deadLetter(List<DeadLetter> deadLetters) {
        List<Future<RecordMetadata>> sent = new ArrayList<>(deadLetters.size());
        for (DeadLetter letter : deadLetters) {
            RawRecord raw = letter.record();
            RecordHeaders headers = new RecordHeaders();
            headers.add(DeadLetterHeaders.REASON, utf8(letter.reason()));
            headers.add(DeadLetterHeaders.TOPIC, utf8(raw.topic()));
            headers.add(DeadLetterHeaders.PARTITION, utf8(Integer.toString(raw.partition())));
            headers.add(DeadLetterHeaders.OFFSET, utf8(Long.toString(raw.offset())));
            sent.add(dlqProducer.send(new ProducerRecord<>(settings.dlqTopic(), null, null, raw.key(), raw.value(),
                    headers)));
            LOG.warn("dead-lettered {}: {}", raw.origin(), letter.reason());
        }
        if (sent.isEmpty()) {
            return;
        }
        dlqProducer.flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException("interrupted while dead-lettering to '" + settings.dlqTopic() + "'", e);
            } catch (ExecutionException e) {
                // Retrying the batch is safe: what the handler stored is idempotent by result id.
                throw new RetriableException("dead-letter topic '" + settings.dlqTopic()
                        + "' must acknowledge rejected records, but did not: " + e.getCause().getMessage(), e.getCause());
            }
        }
    }

    private void retryLater(ConsumerRecords<String, byte[]> records, RetriableException cause) {
        for (TopicPartition partition : records.partitions()) {
            consumer.seek(partition, records.records(partition).get(0).offset());
        }
        Duration pause = failures.failed(cause).orElseThrow();
        pausedUntil = clock.instant().plus(pause);
        consumer.pause(consumer.assignment());
        LOG.warn("batch of {} record(s) not committed, retrying after {} (failure {} in a row): {}", records.count(),
                pause, failures.count(), cause.getMessage());
    }

    private void resumeWhenDue() {
        if (pausedUntil != null && !clock.instant().isBefore(pausedUntil)) {
            pausedUntil = null;
            consumer.resume(consumer.paused());
        }
    }

    private void commit(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.get(inPartition.size() - 1).offset() + 1));
        }
        try {
            commitSync(offsets);
        } catch (CommitFailedException | RebalanceInProgressException e) {
            // The partitions moved to another member, which re-reads from the last commit; storing is idempotent.
            LOG.warn("offsets {} not committed, the batch will be re-read: {}", offsets, e.getMessage());
        }
    }

    /**
     * Commits even when {@link #close} woke the consumer while the batch was handled: the batch is
     * stored, so a graceful stop commits it rather than leave it to be read again. The wake-up is spent
     * by the first attempt; the loop then ends because the source is closed.
     */
    private void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
        } catch (WakeupException e) {
            consumer.commitSync(offsets);
        }
    }

    /** Keeps newly assigned partitions paused while a back-off runs. */
    private final class PauseNewPartitions implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (pausedUntil != null) {
                consumer.pause(partitions);
            }
        }
    }

    @Override
    public void close() {
        State before = state.getAndSet(State.CLOSED);
        if (before == State.RUNNING) {
            try {
                consumer.wakeup();
            } catch (RuntimeException e) {
                LOG.debug("consumer already closed: {}", e.getMessage());
            }
        } else if (before == State.NEW) {
            closeClients();
        }
    }

    private void closeClients() {
        try {
            consumer.close();
        } catch (RuntimeException e) {
            LOG.warn("closing the consumer failed: {}", e.getMessage());
        }
        dlqProducer.close();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
