package io.steadfast.store.internal;

import io.steadfast.spi.result.ResultEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;

/**
 * Loads results into the store in large transactions, for benchmarks that need an organisation's
 * millions of results: ingest's own path ({@link ResultDao#store}, then {@link ResultDao#fold}),
 * {@link #TRANSACTION} results per transaction instead of a poll's worth. Duplicates are skipped and
 * conflicts left out, as ingest does, but not reported. Each transaction commits on its own, so a
 * failure leaves the ones before it.
 */
public final class BulkLoader {

    /** Results per transaction. */
    public static final int TRANSACTION = 50_000;

    private BulkLoader() {
    }

    /** Loads the results, all received at {@code receivedAt}, {@link #TRANSACTION} per transaction; returns how many were stored. */
    public static long load(Database db, Iterator<ResultEvent> results, Instant receivedAt) {
        return load(db, results, receivedAt, TRANSACTION);
    }

    /** As {@link #load(Database, Iterator, Instant)}, with {@code perTransaction} results per transaction. */
    public static long load(Database db, Iterator<ResultEvent> results, Instant receivedAt, int perTransaction) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (perTransaction < 1) {
            throw new IllegalArgumentException("perTransaction must be > 0, but was " + perTransaction);
        }
        ResultDao dao = new ResultDao(new ResultIds());
        long loaded = 0;
        List<ResultEvent> batch = new ArrayList<>(Math.min(perTransaction, TRANSACTION));
        while (results.hasNext()) {
            batch.add(results.next());
            if (batch.size() == perTransaction || !results.hasNext()) {
                List<ResultEvent> chunk = List.copyOf(batch);
                loaded += db.inTransaction("bulk loading " + chunk.size() + " result(s)", true,
                        c -> dao.store(c, chunk, receivedAt)).stored();
                db.inTransaction("folding bulk-loaded results", c -> dao.fold(c, Long.MAX_VALUE, receivedAt));
                batch.clear();
            }
        }
        return loaded;
    }
}
