package io.steadfast.app.ingest;

import io.steadfast.results.ResultReader;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.source.BatchHandler;
import io.steadfast.spi.source.BatchOutcome;
import io.steadfast.spi.source.DeadLetter;
import io.steadfast.spi.source.RawRecord;
import io.steadfast.store.IngestOutcome;
import io.steadfast.store.StoreUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a batch of raw result records into stored results (DESIGN §5).
 *
 * <p>Each record is read and validated on its own: one that is not JSON, fails validation, has an
 * unknown {@code schemaVersion} or is larger than 1 MiB is dead-lettered with the reason. The valid
 * ones of the batch are stored in one call (one transaction); a record whose result id is already
 * taken by a different result is a conflict and is dead-lettered too. A store that is down makes the
 * whole batch {@linkplain RetriableException retriable}: nothing of it was stored.
 *
 * <p>Thread-safe (stateless beyond its collaborators).
 */
public final class ResultIngestHandler implements BatchHandler {

    private final ResultReader reader;
    private final IngestTarget target;

    public ResultIngestHandler(ResultReader reader, IngestTarget target) {
        this.reader = reader;
        this.target = target;
    }

    @Override
    public BatchOutcome handle(List<RawRecord> batch) {
        List<DeadLetter> deadLetters = new ArrayList<>();
        Map<RawRecord, ResultEvent> valid = new LinkedHashMap<>();
        for (RawRecord record : batch) {
            if (record.value() == null) {
                deadLetters.add(new DeadLetter(record, record.origin() + ": must hold a result, but was empty (no value)"));
                continue;
            }
            try {
                valid.put(record, reader.readRecord(record.origin(), record.value()));
            } catch (ResultReader.InvalidResultException e) {
                deadLetters.add(new DeadLetter(record, e.getMessage()));
            }
        }
        if (valid.isEmpty()) {
            return new BatchOutcome(deadLetters);
        }
        try {
            IngestOutcome outcome = target.store(List.copyOf(valid.values()));
            deadLetters.addAll(conflicting(valid, outcome.conflicts()));
        } catch (StoreUnavailableException e) {
            throw new RetriableException("store must take a batch of " + valid.size()
                    + " result(s), but was unavailable: " + e.getMessage(), e);
        }
        return new BatchOutcome(deadLetters);
    }

    /** The records of the batch that differ from the result stored under their id, each with its conflict's reason. */
    private List<DeadLetter> conflicting(Map<RawRecord, ResultEvent> valid, List<IngestOutcome.Conflict> conflicts) {
        Map<String, List<String>> reasons = new LinkedHashMap<>();
        conflicts.forEach(c -> reasons.computeIfAbsent(c.resultId(), id -> new ArrayList<>()).add(c.reason()));
        List<DeadLetter> letters = new ArrayList<>();
        reasons.forEach((resultId, why) -> {
            Optional<ResultEvent> stored = target.stored(resultId);
            List<RawRecord> candidates = valid.entrySet().stream()
                    .filter(e -> e.getValue().resultId().equals(resultId)).map(Map.Entry::getKey).toList();
            List<RawRecord> rejected = stored.isPresent()
                    ? candidates.stream().filter(r -> !valid.get(r).equals(stored.get())).toList()
                    : candidates.subList(Math.min(1, candidates.size()), candidates.size());
            for (int i = 0; i < rejected.size(); i++) {
                RawRecord record = rejected.get(i);
                letters.add(new DeadLetter(record, record.origin() + ": " + why.get(Math.min(i, why.size() - 1))));
            }
        });
        return letters;
    }
}
