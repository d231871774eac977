package io.steadfast.app.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.steadfast.spi.ResultSource;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.source.BatchHandler;
import io.steadfast.spi.source.BatchOutcome;
import io.steadfast.spi.source.PartitionLag;
import io.steadfast.store.IngestOutcome;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Counts what ingest does, for {@code /metrics}: results stored ({@code steadfast.results.stored}),
 * records dead-lettered ({@code steadfast.results.dead.letters}) and the consumer's lag, in total
 * ({@code steadfast.ingest.lag}) and per partition it reads ({@code steadfast.ingest.partition.lag},
 * tagged with topic and partition; read live from the source at each scrape, 0 once a partition is
 * no longer read). Decorates the ingest target and the batch handler; thread-safe.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;
    private final ResultSource source;
    private final Counter stored;
    private final Counter deadLetters;
    private final Set<String> partitionsSeen = ConcurrentHashMap.newKeySet();

    public IngestMetrics(MeterRegistry registry, ResultSource source) {
        this.registry = registry;
        this.source = source;
        Gauge.builder("steadfast.ingest.lag", source, s -> s.lag().stream().mapToLong(PartitionLag::lag).sum())
                .description("records in the result topics not consumed yet").register(registry);
        this.stored = Counter.builder("steadfast.results.stored").description("results stored by ingest")
                .register(registry);
        this.deadLetters = Counter.builder("steadfast.results.dead.letters")
                .description("records sent to the dead-letter topic").register(registry);
    }

    public IngestTarget counting(IngestTarget target) {
        return new IngestTarget() {
            @Override
            public IngestOutcome store(List<ResultEvent> results) {
                IngestOutcome outcome = target.store(results);
                stored.increment(outcome.stored());
                return outcome;
            }

            @Override
            public Optional<ResultEvent> stored(String resultId) {
                return target.stored(resultId);
            }
        };
    }

    public BatchHandler counting(BatchHandler handler) {
        return batch -> {
            BatchOutcome outcome = handler.handle(batch);
            deadLetters.increment(outcome.deadLetters().size());
            source.lag().forEach(this::registerPartition);
            return outcome;
        };
    }

    /** Registers the gauge of a partition the first time the source reads it. */
    private void registerPartition(PartitionLag seen) {
        if (!partitionsSeen.add(seen.topic() + "-" + seen.partition())) {
            return;
        }
        Gauge.builder("steadfast.ingest.partition.lag", source, s -> lagOf(s, seen.topic(), seen.partition()))
                .description("records in this partition not consumed yet")
                .tags("topic", seen.topic(), "partition", Integer.toString(seen.partition()))
                .register(registry);
    }

    private static long lagOf(ResultSource source, String topic, int partition) {
        return source.lag().stream()
                .filter(lag -> lag.topic().equals(topic) && lag.partition() == partition)
                .mapToLong(PartitionLag::lag).findFirst().orElse(0);
    }
}
