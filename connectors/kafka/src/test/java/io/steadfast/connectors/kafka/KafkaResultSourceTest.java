package io.steadfast.connectors.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.retry.Backoff;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.source.BatchOutcome;
import io.steadfast.spi.source.DeadLetter;
import io.steadfast.spi.source.PartitionLag;
import io.steadfast.spi.source.RawRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** The consume loop's commit discipline, on Kafka's MockConsumer and MockProducer and a clock of the test's. */
class KafkaResultSourceTest {

    private static final TopicPartition TP = new TopicPartition("steadfast.results", 0);

    private final KafkaSettings settings = KafkaSettings.from(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, "unused:9092",
            KafkaSettings.RETRY_BACKOFF_MS, "100"));
    private final List<Map<TopicPartition, OffsetAndMetadata>> commits = new ArrayList<>();
    private final AtomicBoolean wokenUp = new AtomicBoolean();
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest") {
        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (wokenUp.getAndSet(false)) {
                throw new WakeupException(); // as KafkaConsumer does in the next blocking call after wakeup()
            }
            commits.add(Map.copyOf(offsets));
            super.commitSync(offsets);
        }

        @Override
        public synchronized void wakeup() {
            wokenUp.set(true);
            super.wakeup();
        }
    };
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private final TestClock clock = new TestClock();
    private final KafkaResultSource source = new KafkaResultSource(settings, consumer, producer, () -> { }, clock);

    @Test
    void shouldDeadLetterRejectedRecordsWithTheirOriginAndCommitPastThem() {
        deliver(0, "bad", 1, "good");
        consumer.schedulePollTask(source::close);

        source.run(batch -> new BatchOutcome(List.of(new DeadLetter(batch.get(0), "not JSON"))));

        assertThat(producer.history()).hasSize(1);
        ProducerRecord<String, byte[]> letter = producer.history().get(0);
        assertThat(letter.topic()).isEqualTo("steadfast.results.dlq");
        assertThat(letter.key()).isEqualTo("api");
        assertThat(new String(letter.value(), StandardCharsets.UTF_8)).isEqualTo("bad");
        assertThat(header(letter, DeadLetterHeaders.REASON)).isEqualTo("not JSON");
        assertThat(header(letter, DeadLetterHeaders.TOPIC)).isEqualTo("steadfast.results");
        assertThat(header(letter, DeadLetterHeaders.PARTITION)).isEqualTo("0");
        assertThat(header(letter, DeadLetterHeaders.OFFSET)).isEqualTo("0");
        assertThat(commits).containsExactly(Map.of(TP, new OffsetAndMetadata(2)));
    }

    @Test
    void shouldSeekBackPauseAndNotCommitWhenTheHandlerAsksToRetry() {
        List<List<Long>> handed = new ArrayList<>();
        List<String> whilePaused = new ArrayList<>();
        deliver(0, "r0", 1, "r1");
        consumer.schedulePollTask(() -> whilePaused.add("position " + consumer.position(TP) + ", paused "
                + !consumer.paused().isEmpty() + ", committed " + committed()));
        // the back-off's first pause is 100 ms, varied by up to its jitter
        consumer.schedulePollTask(() -> clock.advance(Duration.ofMillis(Math.round(100 * (1 - Backoff.JITTER)) - 1)));
        consumer.schedulePollTask(() -> whilePaused.add("still paused " + !consumer.paused().isEmpty()));
        consumer.schedulePollTask(() -> clock.advance(Duration.ofMillis(Math.round(100 * 2 * Backoff.JITTER) + 2)));
        consumer.schedulePollTask(() -> redeliver(0, "r0", 1, "r1")); // what the broker hands over again
        consumer.schedulePollTask(source::close);

        source.run(batch -> {
            handed.add(batch.stream().map(RawRecord::offset).toList());
            if (handed.size() == 1) {
                throw new RetriableException("store is down");
            }
            return BatchOutcome.ALL_PROCESSED;
        });

        assertThat(whilePaused).containsExactly("position 0, paused true, committed -1", "still paused true");
        assertThat(handed).containsExactly(List.of(0L, 1L), List.of(0L, 1L));
        assertThat(commits).containsExactly(Map.of(TP, new OffsetAndMetadata(2)));
    }

    @Test
    void shouldFinishAndCommitTheBatchInHandWhenClosedDuringIt() {
        deliver(0, "r0", 1, "r1");
        List<String> handled = new ArrayList<>();

        source.run(batch -> {
            source.close(); // a graceful stop (SIGTERM) arriving while the batch is being stored
            handled.add(batch.size() + " records");
            return BatchOutcome.ALL_PROCESSED;
        });

        assertThat(handled).containsExactly("2 records");
        assertThat(commits).containsExactly(Map.of(TP, new OffsetAndMetadata(2)));
    }

    @Test
    void shouldReportTheLagOfEachAssignedPartitionAfterAPoll() {
        List<List<PartitionLag>> seen = new ArrayList<>();
        deliver(0, "r0", 1, "r1");
        consumer.schedulePollTask(() -> consumer.updateEndOffsets(Map.of(TP, 5L)));
        consumer.schedulePollTask(() -> seen.add(source.lag()));
        consumer.schedulePollTask(source::close);

        source.run(batch -> BatchOutcome.ALL_PROCESSED);

        assertThat(seen).containsExactly(List.of(new PartitionLag("steadfast.results", 0, 3)));
        assertThat(source.lag()).as("after close").isEmpty();
    }

    @Test
    void shouldStopWithoutCommittingWhenTheHandlerFailsFatally() {
        deliver(0, "r0");

        assertThatThrownBy(() -> source.run(batch -> {
            throw new SteadfastException("store schema is broken");
        })).isInstanceOf(SteadfastException.class).hasMessage("store schema is broken");
        assertThat(commits).isEmpty();
    }

    private void deliver(Object... offsetsAndValues) {
        consumer.schedulePollTask(() -> {
            consumer.rebalance(List.of(TP));
            consumer.updateBeginningOffsets(Map.of(TP, 0L));
            redeliver(offsetsAndValues);
        });
    }

    private void redeliver(Object... offsetsAndValues) {
        for (int i = 0; i < offsetsAndValues.length; i += 2) {
            consumer.addRecord(new ConsumerRecord<>(TP.topic(), TP.partition(), ((Number) offsetsAndValues[i]).longValue(),
                    "api", ((String) offsetsAndValues[i + 1]).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** The last offset committed for the partition, or -1. */
    private long committed() {
        return commits.isEmpty() ? -1 : commits.get(commits.size() - 1).get(TP).offset();
    }

    private static String header(ProducerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static final class TestClock extends Clock {

        private Instant now = Instant.parse("2026-11-26T10:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
