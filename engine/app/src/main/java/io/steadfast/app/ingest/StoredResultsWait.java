package io.steadfast.app.ingest;

import io.steadfast.spi.result.ResultEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Waits until results published to the results topic are stored, by looking them up by id in the
 * store that the ingesting engine writes to (it scores a batch in the same call that stores it).
 * {@code results publish --wait} uses it. Time and pauses are passed in.
 */
public final class StoredResultsWait {

    /** Pauses the waiting thread. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /**
     * How the wait ended.
     *
     * @param stored      ids stored as published
     * @param conflicting ids under which a different result is stored (the published one was dead-lettered)
     * @param missing     ids not stored when the time ran out (empty unless it did)
     */
    public record Outcome(List<String> stored, List<String> conflicting, List<String> missing) {

        public Outcome {
            stored = List.copyOf(stored);
            conflicting = List.copyOf(conflicting);
            missing = List.copyOf(missing);
        }
    }

    private final Function<String, Optional<ResultEvent>> lookup;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Duration interval;

    public StoredResultsWait(Function<String, Optional<ResultEvent>> lookup, Clock clock, Sleeper sleeper,
                             Duration interval) {
        this.lookup = lookup;
        this.clock = clock;
        this.sleeper = sleeper;
        this.interval = interval;
    }

    /** Looks the results up until each is stored or {@code timeout} has passed. */
    public Outcome await(List<ResultEvent> published, Duration timeout) throws InterruptedException {
        Instant deadline = clock.instant().plus(timeout);
        Map<String, ResultEvent> pending = new LinkedHashMap<>();
        published.forEach(r -> pending.put(r.resultId(), r));
        List<String> stored = new ArrayList<>();
        List<String> conflicting = new ArrayList<>();
        while (true) {
            pending.values().removeIf(result -> {
                Optional<ResultEvent> found = lookup.apply(result.resultId());
                found.ifPresent(f -> (f.equals(result) ? stored : conflicting).add(result.resultId()));
                return found.isPresent();
            });
            if (pending.isEmpty() || !clock.instant().isBefore(deadline)) {
                return new Outcome(stored, conflicting, List.copyOf(pending.keySet()));
            }
            sleeper.sleep(interval);
        }
    }
}
