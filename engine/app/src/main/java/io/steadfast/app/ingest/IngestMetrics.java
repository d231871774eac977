package io.steadfast.app.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.source.BatchHandler;
import io.steadfast.spi.source.BatchOutcome;
import io.steadfast.store.IngestOutcome;
import java.util.List;
import java.util.Optional;

/**
 * Counts what ingest does, for {@code /metrics}: results stored ({@code steadfast.results.stored})
 * and records dead-lettered ({@code steadfast.results.dead.letters}). Decorates the ingest target and
 * the batch handler; thread-safe.
 */
public final class IngestMetrics {

    private final Counter stored;
    private final Counter deadLetters;

    public IngestMetrics(MeterRegistry registry) {
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
            return outcome;
        };
    }
}
