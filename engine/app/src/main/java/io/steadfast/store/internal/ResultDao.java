package io.steadfast.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.steadfast.json.Json;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.IngestOutcome;
import io.steadfast.store.Retraction;
import io.steadfast.store.StoreException;
import io.steadfast.store.StoredBatch;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * SQL for results, retractions and the latest counted results. Every method runs inside the caller's
 * transaction. Thread-safe.
 *
 * <p>Results are stored in blocks ({@code result_blocks}): one row per service per stored batch,
 * holding that batch's results of the service encoded with {@link ResultCodec}, and the hashes of
 * their ids for the {@link ResultIds} index. Blocks are numbered by the result log's head
 * ({@code result_log}), which every writer locks for its transaction: the blocks up to the head are
 * exactly the committed ones, and no two writers store the same id. Per service, {@code service_results}
 * holds the number of results and the latest counted results, one per group, encoded the same way,
 * with a version that every update checks and moves on.
 *
 * <p>Why blocks, not a row per result: on H2 a row costs several microseconds to insert and commit
 * even on a sequential key, and a random key (a result id) much more, since every commit writes anew
 * each index page it changed. A batch of results now writes a few rows per service it touches.
 */
public final class ResultDao {

    /** Which of two results of one group is the later: by finishedAt, ties by resultId. */
    public static final Comparator<ResultEvent> LATEST_LAST =
            Comparator.comparing(ResultEvent::finishedAt).thenComparing(ResultEvent::resultId);

    /**
     * Within one service: by suite, test, target, then {@link #LATEST_LAST}, the order in which the
     * store hands a service's latest counted results over.
     */
    public static final Comparator<ResultEvent> LATEST_ORDER = Comparator.comparing(ResultEvent::suite)
            .thenComparing(ResultEvent::test).thenComparing(ResultEvent::target).thenComparing(LATEST_LAST);

    /** A service's history: by finishedAt, then resultId. */
    private static final Comparator<ResultEvent> HISTORY_ORDER = LATEST_LAST;

    /** Most results in one block; a service's results of one batch beyond it go to further blocks. */
    static final int BLOCK_RESULTS = 1_000;

    /**
     * Services per {@link #latestOf} call. H2 checks every row it reads against the whole {@code IN}
     * list, so a long list costs more per row than the extra queries of a short one.
     */
    public static final int LATEST_CHUNK = 32;

    /** Makes {@link Database#inTransaction} run the transaction again, as after a lost race. */
    private static final String SERIALIZATION_FAILURE = "40001";

    private static final ObjectReader READER = Json.mapper().readerFor(ResultEvent.class);

    private final ResultIds ids;

    public ResultDao(ResultIds ids) {
        this.ids = ids;
    }

    /** A result stored as JSON by an earlier version of the store. */
    static ResultEvent parse(String payload) {
        try {
            return READER.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored result payload cannot be read: " + e.getMessage(), e);
        }
    }

    // ---- storing

    /**
     * Stores a batch (see {@code Store.storeBatch}) and returns, beside the outcome, the latest counted
     * results of every service of the batch as they stand after it, read once for the update.
     */
    public StoredBatch store(Connection c, List<ResultEvent> events, Instant receivedAt) throws SQLException {
        List<IngestOutcome.Conflict> conflicts = new ArrayList<>();
        int duplicates = 0;
        Map<String, ResultEvent> incoming = new LinkedHashMap<>();
        Set<String> services = new TreeSet<>();
        for (ResultEvent event : events) {
            services.add(event.service());
            ResultEvent earlier = incoming.putIfAbsent(event.resultId(), event);
            if (earlier == null) {
                continue;
            }
            if (earlier.equals(event)) {
                duplicates++;
            } else {
                conflicts.add(conflict(event.resultId(), "an earlier result of the same batch"));
            }
        }
        long head = lockHead(c);
        Map<String, ResultEvent> stored = ids.stored(c, head, incoming.keySet());
        Map<String, List<ResultEvent>> freshByService = new LinkedHashMap<>();
        int fresh = 0;
        for (ResultEvent event : incoming.values()) {
            ResultEvent existing = stored.get(event.resultId());
            if (existing == null) {
                freshByService.computeIfAbsent(event.service(), s -> new ArrayList<>()).add(event);
                fresh++;
            } else if (existing.equals(event)) {
                duplicates++;
            } else {
                conflicts.add(conflict(event.resultId(), "the result already stored"));
            }
        }
        long newHead = writeBlocks(c, head, freshByService, receivedAt);
        Map<String, List<ResultEvent>> latest = advanceLatest(c, services, freshByService);
        if (newHead != head) {
            moveHead(c, newHead);
        }
        return new StoredBatch(new IngestOutcome(fresh, duplicates, conflicts), latest);
    }

    private static IngestOutcome.Conflict conflict(String resultId, String other) {
        return new IngestOutcome.Conflict(resultId,
                "resultId '" + resultId + "' must identify one result, but its content differs from " + other);
    }

    /**
     * Locks the result log for the transaction and returns its head, the number of the last block
     * committed: every writer of results goes through here first, one at a time.
     */
    static long lockHead(Connection c) throws SQLException {
        return readHead(c, " FOR UPDATE");
    }

    /** The head of the result log, without locking it. */
    static long head(Connection c) throws SQLException {
        return readHead(c, "");
    }

    private static long readHead(Connection c, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_block FROM result_log WHERE id = 1" + lock);
             ResultSet rows = s.executeQuery()) {
            if (!rows.next()) {
                throw new StoreException("result log must have its head row, but it was missing");
            }
            return rows.getLong(1);
        }
    }

    private static void moveHead(Connection c, long head) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE result_log SET last_block = ? WHERE id = 1")) {
            s.setLong(1, head);
            s.executeUpdate();
        }
    }

    /** Writes the results, a block per service (more when it has many), numbered after {@code head}; returns the new head. */
    static long writeBlocks(Connection c, long head, Map<String, List<ResultEvent>> byService, Instant receivedAt)
            throws SQLException {
        if (byService.isEmpty()) {
            return head;
        }
        long block = head;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO result_blocks"
                + " (id, service, received_at, result_count, id_hashes, results) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Map.Entry<String, List<ResultEvent>> entry : byService.entrySet()) {
                for (List<ResultEvent> results : Jdbc.chunks(entry.getValue(), BLOCK_RESULTS)) {
                    s.setLong(1, ++block);
                    s.setString(2, entry.getKey());
                    Jdbc.setInstant(s, 3, receivedAt);
                    s.setInt(4, results.size());
                    s.setBytes(5, ResultIds.hashes(results));
                    s.setBytes(6, ResultCodec.encode(results));
                    s.addBatch();
                }
            }
            s.executeBatch();
        }
        return block;
    }

    /**
     * Counts the fresh results of each service and moves each group's latest counted result forward
     * to the newest fresh one, where newer; returns the services' latest counted results after that.
     * A row is updated only while it still has the version read, so a concurrent retraction makes the
     * transaction run again.
     */
    private static Map<String, List<ResultEvent>> advanceLatest(Connection c, Set<String> services,
                                                                Map<String, List<ResultEvent>> freshByService)
            throws SQLException {
        Map<String, ServiceRow> rows = readRows(c, services);
        List<ServiceRow> inserts = new ArrayList<>();
        List<ServiceRow> updates = new ArrayList<>();
        Map<String, List<ResultEvent>> latest = new TreeMap<>();
        for (String service : services) {
            ServiceRow row = rows.get(service);
            List<ResultEvent> fresh = freshByService.getOrDefault(service, List.of());
            if (fresh.isEmpty()) {
                latest.put(service, row == null ? List.of() : row.latest());
                continue;
            }
            ServiceRow next = row == null
                    ? new ServiceRow(service, fresh.size(), 0, merge(List.of(), fresh))
                    : new ServiceRow(service, row.resultCount() + fresh.size(), row.version(), merge(row.latest(), fresh));
            (row == null ? inserts : updates).add(next);
            latest.put(service, next.latest());
        }
        insertRows(c, inserts);
        updateRows(c, updates);
        return latest;
    }

    /** The latest counted results after {@code fresh}: per group, the later of the two, in {@link #LATEST_ORDER}. */
    static List<ResultEvent> merge(List<ResultEvent> latest, List<ResultEvent> fresh) {
        Map<ResultGroup, ResultEvent> byGroup = new HashMap<>();
        for (ResultEvent event : latest) {
            byGroup.put(ResultGroup.of(event), event);
        }
        boolean changed = false;
        for (ResultEvent event : fresh) {
            if (event.status().counts()) {
                ResultEvent before = byGroup.get(ResultGroup.of(event));
                if (before == null || LATEST_LAST.compare(before, event) < 0) {
                    byGroup.put(ResultGroup.of(event), event);
                    changed = true;
                }
            }
        }
        if (!changed) {
            return latest;
        }
        List<ResultEvent> merged = new ArrayList<>(byGroup.values());
        merged.sort(LATEST_ORDER);
        return List.copyOf(merged);
    }

    /** A row of {@code service_results}. */
    private record ServiceRow(String service, long resultCount, long version, List<ResultEvent> latest) {
    }

    private static Map<String, ServiceRow> readRows(Connection c, Collection<String> services) throws SQLException {
        Map<String, ServiceRow> rows = new HashMap<>();
        for (List<String> chunk : Jdbc.chunks(services, LATEST_CHUNK)) {
            try (PreparedStatement s = c.prepareStatement("SELECT service, result_count, version, latest"
                    + " FROM service_results WHERE service IN (" + Jdbc.placeholders(LATEST_CHUNK) + ")")) {
                bindRepeatingLast(s, chunk);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        rows.put(r.getString(1), new ServiceRow(r.getString(1), r.getLong(2), r.getLong(3),
                                ResultCodec.decode(r.getBytes(4))));
                    }
                }
            }
        }
        return rows;
    }

    /** Binds a chunk to {@link #LATEST_CHUNK} placeholders; a short chunk repeats its last value, so every chunk has one statement text. */
    private static void bindRepeatingLast(PreparedStatement s, List<String> chunk) throws SQLException {
        for (int i = 0; i < LATEST_CHUNK; i++) {
            s.setString(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
        }
    }

    private static void insertRows(Connection c, List<ServiceRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO service_results (service, result_count, version, latest) VALUES (?, ?, 1, ?)")) {
            for (ServiceRow row : rows) {
                s.setString(1, row.service());
                s.setLong(2, row.resultCount());
                s.setBytes(3, ResultCodec.encode(row.latest()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void updateRows(Connection c, List<ServiceRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE service_results SET result_count = ?,"
                + " version = version + 1, latest = ? WHERE service = ? AND version = ?")) {
            for (ServiceRow row : rows) {
                s.setLong(1, row.resultCount());
                s.setBytes(2, ResultCodec.encode(row.latest()));
                s.setString(3, row.service());
                s.setLong(4, row.version());
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    throw new SQLException("results of service '" + rows.get(i).service() + "' must still be at version "
                            + rows.get(i).version() + " when updated, but a concurrent writer changed them",
                            SERIALIZATION_FAILURE);
                }
            }
        }
    }

    // ---- reading results

    public Optional<ResultEvent> find(Connection c, String resultId) throws SQLException {
        return Optional.ofNullable(ids.stored(c, head(c), List.of(resultId)).get(resultId));
    }

    /** All results of a service, any status, retracted ones included, by finishedAt then resultId. */
    public List<ResultEvent> ofService(Connection c, String service) throws SQLException {
        List<ResultEvent> results = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT results FROM result_blocks WHERE service = ? ORDER BY id")) {
            s.setString(1, service);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    results.addAll(ResultCodec.decode(rows.getBytes(1)));
                }
            }
        }
        results.sort(HISTORY_ORDER);
        return results;
    }

    public long countOfService(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT result_count FROM service_results WHERE service = ?")) {
            s.setString(1, service);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    // ---- retractions

    public long retractionCount(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM retractions");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public Optional<Retraction> retraction(Connection c, String resultId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT result_id, reason, retracted_by, retracted_at FROM retractions WHERE result_id = ?")) {
            s.setString(1, resultId);
            return readRetractions(s).stream().findFirst();
        }
    }

    public List<Retraction> retractions(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT result_id, reason, retracted_by, retracted_at"
                + " FROM retractions WHERE service = ? ORDER BY retracted_at, result_id")) {
            s.setString(1, service);
            return readRetractions(s);
        }
    }

    public Set<String> retractedIds(Connection c, String service) throws SQLException {
        Set<String> retracted = new LinkedHashSet<>();
        for (Retraction r : retractions(c, service)) {
            retracted.add(r.resultId());
        }
        return retracted;
    }

    /** Records the retraction and recomputes the result's group. */
    public Retraction retract(Connection c, String resultId, String reason, String by, Instant at) throws SQLException {
        ResultEvent event = find(c, resultId).orElseThrow(() -> new StoreException(
                "result '" + resultId + "' cannot be retracted: no result with this id is stored"));
        Optional<Retraction> earlier = retraction(c, resultId);
        if (earlier.isPresent()) {
            throw new StoreException("result '" + resultId + "' cannot be retracted twice, but it was already retracted by '"
                    + earlier.get().by() + "' at " + earlier.get().at() + ": " + earlier.get().reason());
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO retractions"
                + " (result_id, service, reason, retracted_by, retracted_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, resultId);
            s.setString(2, event.service());
            s.setString(3, reason);
            s.setString(4, by);
            Jdbc.setInstant(s, 5, at);
            s.executeUpdate();
        }
        if (event.status().counts()) {
            recomputeLatest(c, event);
        }
        return retraction(c, resultId).orElseThrow();
    }

    /** Sets the retracted result's group to its newest counted result not retracted, or to none. */
    private void recomputeLatest(Connection c, ResultEvent retracted) throws SQLException {
        String service = retracted.service();
        ServiceRow row = readRows(c, List.of(service)).get(service);
        if (row == null) {
            throw new StoreException("results of service '" + service + "' must have their row, but it was missing");
        }
        ResultGroup group = ResultGroup.of(retracted);
        Set<String> retractedIds = retractedIds(c, service);
        ResultEvent newest = null;
        for (ResultEvent candidate : ofService(c, service)) {
            if (candidate.status().counts() && !retractedIds.contains(candidate.resultId())
                    && ResultGroup.of(candidate).equals(group)
                    && (newest == null || LATEST_LAST.compare(candidate, newest) > 0)) {
                newest = candidate;
            }
        }
        List<ResultEvent> latest = new ArrayList<>();
        for (ResultEvent event : row.latest()) {
            if (!ResultGroup.of(event).equals(group)) {
                latest.add(event);
            }
        }
        if (newest != null) {
            latest.add(newest);
        }
        latest.sort(LATEST_ORDER);
        updateRows(c, List.of(new ServiceRow(service, row.resultCount(), row.version(), List.copyOf(latest))));
    }

    private static List<Retraction> readRetractions(PreparedStatement s) throws SQLException {
        List<Retraction> found = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                found.add(new Retraction(rows.getString("result_id"), rows.getString("reason"),
                        rows.getString("retracted_by"), Jdbc.getInstant(rows, "retracted_at")));
            }
        }
        return found;
    }

    // ---- reading the latest counted results

    public long registeredServices(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM services");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The latest counted results of a few services (at most {@link #LATEST_CHUNK} per call), by
     * service id; services without results are left out.
     */
    public Map<String, List<ResultEvent>> latestOf(Connection c, List<String> services) throws SQLException {
        if (services.size() > LATEST_CHUNK) {
            throw new IllegalArgumentException("services must be at most " + LATEST_CHUNK + ", but were "
                    + services.size());
        }
        Map<String, List<ResultEvent>> latest = new TreeMap<>();
        readRows(c, services).forEach((service, row) -> latest.put(service, row.latest()));
        return latest;
    }

    private static final String FIRST_PAGE = "SELECT service, latest FROM service_results ORDER BY service"
            + " FETCH FIRST " + LatestScan.PAGE + " ROWS ONLY";
    private static final String NEXT_PAGE = "SELECT service, latest FROM service_results WHERE service > ?"
            + " ORDER BY service FETCH FIRST " + LatestScan.PAGE + " ROWS ONLY";

    /** Reads the scan's next page of services in id order (empty once it is done), each with its latest counted results. */
    public Map<String, List<ResultEvent>> nextPage(Connection c, LatestScan scan) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(scan.after == null ? FIRST_PAGE : NEXT_PAGE)) {
            if (scan.after != null) {
                s.setString(1, scan.after);
            }
            Map<String, List<ResultEvent>> page = new LinkedHashMap<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    page.put(rows.getString(1), ResultCodec.decode(rows.getBytes(2)));
                }
            }
            scan.advance(page);
            return page;
        }
    }

    /**
     * A scan of the services' latest counted results in service id order, one page per call of
     * {@link #nextPage}, each page after the last service read (keyset pagination), so each page may
     * run in its own transaction. Not thread-safe.
     */
    public static final class LatestScan {

        /** Services per page: a few thousand results, few enough to stay small. */
        public static final int PAGE = 200;

        private String after;
        private boolean done;

        public boolean done() {
            return done;
        }

        void advance(Map<String, List<ResultEvent>> page) {
            if (page.size() < PAGE) {
                done = true;
            }
            for (String service : page.keySet()) {
                after = service;
            }
        }
    }
}
