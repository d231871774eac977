package io.steadfast.store.internal;

import io.steadfast.spi.result.ResultEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Loads results straight into the tables, for benchmarks that need an organisation's millions of
 * rows: ingest's own row writers ({@code results} with the canonical JSON payload, and
 * {@code latest_results}), as JDBC batches in transactions of {@link #TRANSACTION} results, without
 * ingest's per-batch lookup of stored ids and its per-group lock and compare.
 *
 * <p>It leaves the store exactly as {@code Store.storeResults} would, for results whose ids are new
 * and whose groups have no latest counted result yet, with at most one counted result per group:
 * each result becomes its group's latest when it counts. The primary keys enforce this: a stored id,
 * or a second counted result for a group, fails the transaction (a {@code StoreException}), and the
 * transactions before it stay committed, so use it on a store you would throw away on failure.
 * Not for production ingest: it neither reports duplicates nor resolves conflicts.
 */
public final class BulkLoader {

    /** Results per transaction. */
    public static final int TRANSACTION = 50_000;

    private BulkLoader() {
    }

    /** Loads the results, all received at {@code receivedAt}, {@link #TRANSACTION} per transaction; returns how many. */
    public static long load(Database db, Iterator<ResultEvent> results, Instant receivedAt) {
        return load(db, results, receivedAt, TRANSACTION);
    }

    /** As {@link #load(Database, Iterator, Instant)}, with {@code perTransaction} results per transaction. */
    public static long load(Database db, Iterator<ResultEvent> results, Instant receivedAt, int perTransaction) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (perTransaction < 1) {
            throw new IllegalArgumentException("perTransaction must be > 0, but was " + perTransaction);
        }
        long loaded = 0;
        List<ResultEvent> batch = new ArrayList<>(Math.min(perTransaction, TRANSACTION));
        while (results.hasNext()) {
            batch.add(results.next());
            if (batch.size() == perTransaction || !results.hasNext()) {
                loaded += write(db, batch, receivedAt);
                batch.clear();
            }
        }
        return loaded;
    }

    private static int write(Database db, List<ResultEvent> batch, Instant receivedAt) {
        Map<String, String> json = new HashMap<>(batch.size() * 2);
        List<ResultEvent> counted = new ArrayList<>(batch.size());
        for (ResultEvent event : batch) {
            json.put(event.resultId(), ResultDao.canonical(event));
            if (event.status().counts()) {
                counted.add(event);
            }
        }
        return db.inTransaction("bulk loading " + batch.size() + " result(s)", c -> {
            ResultDao.insert(c, batch, json, receivedAt);
            ResultDao.writeLatest(c, ResultDao.INSERT_LATEST, counted);
            return batch.size();
        });
    }
}
