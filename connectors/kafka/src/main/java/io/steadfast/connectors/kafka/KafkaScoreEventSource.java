package io.steadfast.connectors.kafka;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.connectors.kafka.internal.Clients;
import io.steadfast.connectors.kafka.internal.Topics;
import io.steadfast.spi.ScoreEventSource;
import io.steadfast.spi.errors.SteadfastException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;

/**
 * Follows the scores topic ({@code steadfast.scores}) from its end, with a reader outside any consumer
 * group that is assigned every partition, so that each engine sees every engine's announcements. The
 * key of each record is the service id. Creates the topics when missing; partitions added to the topic
 * later are not followed until the next start.
 */
public final class KafkaScoreEventSource implements ScoreEventSource {

    /** Short, so that an announcement reaches the listener within a fraction of a second. */
    private static final Duration POLL = Duration.ofMillis(100);

    private final KafkaSettings settings;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean ran = new AtomicBoolean();

    public KafkaScoreEventSource(KafkaSettings settings) {
        this.settings = settings;
        this.consumer = Clients.reader(settings, "steadfast-score-feed");
    }

    @Override
    public void run(Runnable started, Consumer<String> services) {
        if (!ran.compareAndSet(false, true)) {
            throw new IllegalStateException("score event source must be run once, but was run again");
        }
        try {
            Topics.ensure(settings);
            List<PartitionInfo> infos = consumer.partitionsFor(settings.scoresTopic());
            if (infos == null || infos.isEmpty()) {
                throw new SteadfastException("scores topic '" + settings.scoresTopic()
                        + "' must have partitions to follow, but has none");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolves the end now, not at the first poll
            started.run();
            while (!closed.get()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    if (record.key() != null) {
                        services.accept(record.key());
                    }
                }
            }
        } catch (WakeupException e) {
            if (!closed.get()) {
                throw e;
            }
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            if (ran.get()) {
                consumer.wakeup();
            } else {
                consumer.close();
            }
        }
    }
}
