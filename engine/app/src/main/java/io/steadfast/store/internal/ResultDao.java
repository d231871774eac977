package io.steadfast.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.steadfast.json.Json;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
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
 * SQL for results, retractions and the latest-counted table. Every method runs inside the caller's
 * transaction. Stateless and thread-safe.
 */
public final class ResultDao {

    /** Which of two results of one group is the later: by finishedAt, ties by resultId. */
    public static final Comparator<ResultEvent> LATEST_LAST =
            Comparator.comparing(ResultEvent::finishedAt).thenComparing(ResultEvent::resultId);

    private static final ObjectWriter WRITER = Json.mapper().writerFor(ResultEvent.class);
    private static final ObjectReader READER = Json.mapper().readerFor(ResultEvent.class);

    private static final String NOT_RETRACTED =
            " NOT EXISTS (SELECT 1 FROM retractions x WHERE x.result_id = r.result_id)";

    /** The canonical form of an event: its JSON, whose field order the record fixes. */
    public static String canonical(ResultEvent event) {
        try {
            return WRITER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new StoreException("result '" + event.resultId() + "' cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    static ResultEvent parse(String payload) {
        try {
            return READER.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored result payload cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Stores a batch (see {@code Store.storeBatch}) and returns, beside the outcome, the latest counted
     * results of every service of the batch as they stand after it, read once for the update.
     */
    public StoredBatch store(Connection c, List<ResultEvent> events, Instant receivedAt) throws SQLException {
        List<IngestOutcome.Conflict> conflicts = new ArrayList<>();
        int duplicates = 0;
        Map<String, ResultEvent> incoming = new LinkedHashMap<>();
        Map<String, String> incomingJson = new HashMap<>();
        for (ResultEvent event : events) {
            String json = canonical(event);
            String earlier = incomingJson.putIfAbsent(event.resultId(), json);
            if (earlier == null) {
                incoming.put(event.resultId(), event);
            } else if (earlier.equals(json)) {
                duplicates++;
            } else {
                conflicts.add(conflict(event.resultId(), "an earlier result of the same batch"));
            }
        }
        Map<String, String> stored = storedPayloads(c, incoming.keySet());
        List<ResultEvent> fresh = new ArrayList<>();
        for (ResultEvent event : incoming.values()) {
            String existing = stored.get(event.resultId());
            if (existing == null) {
                fresh.add(event);
            } else if (existing.equals(incomingJson.get(event.resultId()))) {
                duplicates++;
            } else {
                conflicts.add(conflict(event.resultId(), "the result already stored"));
            }
        }
        insert(c, fresh, incomingJson, receivedAt);
        Map<String, List<ResultEvent>> latest = advanceLatest(c, events, fresh);
        return new StoredBatch(new IngestOutcome(fresh.size(), duplicates, conflicts), latest);
    }

    private static IngestOutcome.Conflict conflict(String resultId, String other) {
        return new IngestOutcome.Conflict(resultId,
                "resultId '" + resultId + "' must identify one result, but its content differs from " + other);
    }

    private static Map<String, String> storedPayloads(Connection c, Collection<String> ids) throws SQLException {
        Map<String, String> payloads = new HashMap<>();
        for (List<String> chunk : Jdbc.chunks(ids)) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT result_id, payload FROM results WHERE result_id IN (" + Jdbc.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        payloads.put(rows.getString(1), rows.getString(2));
                    }
                }
            }
        }
        return payloads;
    }

    static void insert(Connection c, List<ResultEvent> events, Map<String, String> json, Instant receivedAt)
            throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO results (result_id, service, suite, test, target,"
                + " source, environment, service_version, status, finished_at, received_at, payload)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ResultEvent e : events) {
                s.setString(1, e.resultId());
                s.setString(2, e.service());
                s.setString(3, e.suite());
                s.setString(4, e.test());
                s.setString(5, e.target());
                s.setString(6, e.source());
                s.setString(7, e.environment());
                s.setString(8, e.serviceVersion());
                s.setString(9, e.status().name());
                Jdbc.setInstant(s, 10, e.finishedAt());
                Jdbc.setInstant(s, 11, receivedAt);
                s.setString(12, json.get(e.resultId()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /**
     * Moves each group's latest counted result forward to the newest of the fresh ones, where newer,
     * and returns the batch's services' latest counted results after that. All rows of those services
     * are read in one query per chunk of services rather than one query per group: a batch holds a few
     * runs of each of a few services, and the scorer needs the other rows of those services next anyway.
     * They are not locked (on H2 a lock is a write of every row read): an update applies only while the
     * row still holds the result read, and a concurrent writer that got there first, or inserted the
     * group first, makes the transaction run again.
     */
    private static Map<String, List<ResultEvent>> advanceLatest(Connection c, List<ResultEvent> batch,
                                                                List<ResultEvent> fresh) throws SQLException {
        Map<ResultGroup, ResultEvent> newestByGroup = new TreeMap<>(ResultGroup.ORDER); // one row lock order for all writers
        for (ResultEvent event : fresh) {
            if (event.status().counts()) {
                newestByGroup.merge(ResultGroup.of(event), event, (a, b) -> LATEST_LAST.compare(a, b) >= 0 ? a : b);
            }
        }
        Set<String> services = new TreeSet<>();
        batch.forEach(e -> services.add(e.service()));
        Map<ResultGroup, ResultEvent> current = new HashMap<>();
        for (List<String> chunk : Jdbc.chunks(services, LATEST_CHUNK)) {
            for (ResultEvent row : readLatest(c, chunk)) {
                current.put(ResultGroup.of(row), row);
            }
        }
        List<ResultEvent> inserts = new ArrayList<>();
        List<Replacement> updates = new ArrayList<>();
        for (Map.Entry<ResultGroup, ResultEvent> entry : newestByGroup.entrySet()) {
            ResultEvent candidate = entry.getValue();
            ResultEvent before = current.get(entry.getKey());
            if (before == null) {
                inserts.add(candidate);
            } else if (LATEST_LAST.compare(before, candidate) < 0) {
                updates.add(new Replacement(candidate, before.resultId()));
            } else {
                continue;
            }
            current.put(entry.getKey(), candidate);
        }
        writeLatest(c, INSERT_LATEST, inserts);
        replaceLatest(c, updates);
        Map<String, List<ResultEvent>> byService = new TreeMap<>();
        services.forEach(service -> byService.put(service, new ArrayList<>()));
        current.values().forEach(e -> byService.get(e.service()).add(e));
        byService.values().forEach(rows -> rows.sort(LATEST_ORDER));
        return byService;
    }

    /** A group's latest result moving forward to {@code next}, provided the row still holds {@code previousId}. */
    private record Replacement(ResultEvent next, String previousId) {
    }

    private static final String KEY_COLUMNS = "service, suite, test, target, source, environment, service_version";
    private static final String VALUE_COLUMNS = "absent_fields, result_id, schema_version, status, started_at_s,"
            + " started_at_ns, finished_at_s, finished_at_ns, run_id, probes_passed, probes_total, time_to_detect_ms,"
            + " time_to_recover_ms, message";
    private static final String KEY_MATCH = String.join(" = ? AND ", KEY_COLUMNS.split(",\\s*")) + " = ?";
    private static final String LOCK_LATEST = "SELECT result_id FROM latest_results"
            + " WHERE " + KEY_MATCH + " FOR UPDATE";
    static final String INSERT_LATEST = "INSERT INTO latest_results (" + VALUE_COLUMNS + ", " + KEY_COLUMNS
            + ") VALUES (" + Jdbc.placeholders(21) + ")";
    private static final String UPDATE_LATEST = "UPDATE latest_results SET "
            + String.join(" = ?, ", VALUE_COLUMNS.split(",\\s*")) + " = ? WHERE " + KEY_MATCH;
    private static final String DELETE_LATEST = "DELETE FROM latest_results WHERE " + KEY_MATCH;
    /** Selected as key columns 1-7, then value columns 8-21. */
    private static final String SELECT_LATEST = "SELECT " + KEY_COLUMNS + ", " + VALUE_COLUMNS + " FROM latest_results";

    /** Makes {@link Database#inTransaction} run the transaction again, as after a lost race. */
    private static final String SERIALIZATION_FAILURE = "40001";

    private static final int ABSENT_SOURCE = 1;
    private static final int ABSENT_ENVIRONMENT = 2;
    private static final int ABSENT_VERSION = 4;

    /** The result id of the group's latest row, locked for the transaction. */
    private static Optional<String> lockLatest(PreparedStatement s, ResultGroup g) throws SQLException {
        bindKey(s, 1, g);
        try (ResultSet rows = s.executeQuery()) {
            return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
        }
    }

    /** Runs {@link #INSERT_LATEST} or {@link #UPDATE_LATEST} for each event, as one JDBC batch. */
    static void writeLatest(Connection c, String sql, List<ResultEvent> events) throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (ResultEvent e : events) {
                bindLatest(s, e);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Updates each group's row to its next event where the row still holds the result id read before. */
    private static void replaceLatest(Connection c, List<Replacement> replacements) throws SQLException {
        if (replacements.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(UPDATE_LATEST + " AND result_id = ?")) {
            for (Replacement r : replacements) {
                bindLatest(s, r.next());
                s.setString(22, r.previousId());
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    Replacement r = replacements.get(i);
                    throw new SQLException("latest result of service '" + r.next().service() + "' must still be '"
                            + r.previousId() + "' when replaced, but a concurrent writer changed it", SERIALIZATION_FAILURE);
                }
            }
        }
    }

    private static void bindKey(PreparedStatement s, int first, ResultGroup g) throws SQLException {
        s.setString(first, g.service());
        s.setString(first + 1, g.suite());
        s.setString(first + 2, g.test());
        s.setString(first + 3, g.target());
        s.setString(first + 4, g.source());
        s.setString(first + 5, g.environment());
        s.setString(first + 6, g.serviceVersion());
    }

    /** Binds the event in {@link #VALUE_COLUMNS} order, then its group in {@link #KEY_COLUMNS} order. */
    private static void bindLatest(PreparedStatement s, ResultEvent e) throws SQLException {
        Measurements m = e.measurements();
        int absent = (e.source() == null ? ABSENT_SOURCE : 0) | (e.environment() == null ? ABSENT_ENVIRONMENT : 0)
                | (e.serviceVersion() == null ? ABSENT_VERSION : 0);
        s.setShort(1, (short) absent);
        s.setString(2, e.resultId());
        s.setInt(3, e.schemaVersion());
        s.setString(4, e.status().name());
        Jdbc.setLong(s, 5, e.startedAt() == null ? null : e.startedAt().getEpochSecond());
        Jdbc.setInteger(s, 6, e.startedAt() == null ? null : e.startedAt().getNano());
        s.setLong(7, e.finishedAt().getEpochSecond());
        s.setInt(8, e.finishedAt().getNano());
        s.setString(9, e.runId());
        Jdbc.setInteger(s, 10, m.probesPassed());
        Jdbc.setInteger(s, 11, m.probesTotal());
        Jdbc.setLong(s, 12, m.timeToDetectMs());
        Jdbc.setLong(s, 13, m.timeToRecoverMs());
        s.setString(14, e.message());
        bindKey(s, 15, ResultGroup.of(e));
    }

    /**
     * Reads rows selected as {@link #SELECT_LATEST}. Rows come grouped by service, so a value equal to
     * the previous row's is taken from it: the events of an organisation then share their repeated
     * strings (service, suite, test, source, ...), which keeps them small when a caller caches them.
     */
    private static final class RowReader {

        private final String[] previous = new String[22];

        ResultEvent read(ResultSet r) throws SQLException {
            int absent = r.getShort(8);
            long startedS = r.getLong(12);
            Instant startedAt = r.wasNull() ? null : Instant.ofEpochSecond(startedS, r.getInt(13));
            Measurements measurements = new Measurements(Jdbc.getLong(r, 19), Jdbc.getLong(r, 20),
                    Jdbc.getInteger(r, 17), Jdbc.getInteger(r, 18));
            return new ResultEvent(r.getInt(10), r.getString(9), shared(r, 1), shared(r, 2), shared(r, 3),
                    shared(r, 4), ResultStatus.valueOf(r.getString(11)), startedAt,
                    Instant.ofEpochSecond(r.getLong(14), r.getInt(15)),
                    (absent & ABSENT_VERSION) != 0 ? null : shared(r, 7),
                    (absent & ABSENT_ENVIRONMENT) != 0 ? null : shared(r, 6),
                    (absent & ABSENT_SOURCE) != 0 ? null : shared(r, 5), shared(r, 16), measurements,
                    r.getString(21));
        }

        private String shared(ResultSet r, int column) throws SQLException {
            String value = r.getString(column);
            if (value != null && value.equals(previous[column])) {
                return previous[column];
            }
            previous[column] = value;
            return value;
        }
    }

    public Optional<ResultEvent> find(Connection c, String resultId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT payload FROM results WHERE result_id = ?")) {
            s.setString(1, resultId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(parse(rows.getString(1))) : Optional.empty();
            }
        }
    }

    public List<ResultEvent> ofService(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT payload FROM results WHERE service = ? ORDER BY finished_at, result_id")) {
            s.setString(1, service);
            return readEvents(s);
        }
    }

    public long countOfService(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM results WHERE service = ?")) {
            s.setString(1, service);
            try (ResultSet rows = s.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

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
            List<Retraction> found = readRetractions(s);
            return found.stream().findFirst();
        }
    }

    public List<Retraction> retractions(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT x.result_id, x.reason, x.retracted_by, x.retracted_at"
                + " FROM retractions x JOIN results r ON r.result_id = x.result_id WHERE r.service = ?"
                + " ORDER BY x.retracted_at, x.result_id")) {
            s.setString(1, service);
            return readRetractions(s);
        }
    }

    public Set<String> retractedIds(Connection c, String service) throws SQLException {
        Set<String> ids = new LinkedHashSet<>();
        for (Retraction r : retractions(c, service)) {
            ids.add(r.resultId());
        }
        return ids;
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
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO retractions (result_id, reason, retracted_by, retracted_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, resultId);
            s.setString(2, reason);
            s.setString(3, by);
            Jdbc.setInstant(s, 4, at);
            s.executeUpdate();
        }
        if (event.status().counts()) {
            recomputeLatest(c, ResultGroup.of(event));
        }
        return retraction(c, resultId).orElseThrow();
    }

    private static void recomputeLatest(Connection c, ResultGroup g) throws SQLException {
        Optional<String> current;
        try (PreparedStatement lock = c.prepareStatement(LOCK_LATEST)) {
            current = lockLatest(lock, g);
        }
        ResultEvent newest = null;
        try (PreparedStatement s = c.prepareStatement("SELECT r.payload FROM results r"
                + " WHERE r.service = ? AND r.suite = ? AND r.test = ? AND r.target = ?"
                + " AND COALESCE(r.source, '') = ? AND COALESCE(r.environment, '') = ?"
                + " AND COALESCE(r.service_version, '') = ? AND r.status NOT IN (?, ?) AND" + NOT_RETRACTED)) {
            bindKey(s, 1, g);
            s.setString(8, ResultStatus.ERROR.name());
            s.setString(9, ResultStatus.SKIPPED.name());
            for (ResultEvent candidate : readEvents(s)) {
                if (newest == null || LATEST_LAST.compare(candidate, newest) > 0) {
                    newest = candidate;
                }
            }
        }
        if (newest == null) {
            if (current.isPresent()) {
                try (PreparedStatement s = c.prepareStatement(DELETE_LATEST)) {
                    bindKey(s, 1, g);
                    s.executeUpdate();
                }
            }
        } else if (current.isEmpty()) {
            writeLatest(c, INSERT_LATEST, List.of(newest));
        } else if (!current.get().equals(newest.resultId())) {
            writeLatest(c, UPDATE_LATEST, List.of(newest));
        }
    }

    /**
     * Within one service: by suite, test, target, then {@link #LATEST_LAST}, the order in which the
     * store hands a service's latest counted results over.
     */
    public static final Comparator<ResultEvent> LATEST_ORDER = Comparator.comparing(ResultEvent::suite)
            .thenComparing(ResultEvent::test).thenComparing(ResultEvent::target).thenComparing(LATEST_LAST);

    private static final String PK_ORDER = " ORDER BY " + KEY_COLUMNS + " FETCH FIRST " + LatestScan.PAGE
            + " ROWS ONLY";
    /**
     * The first page of a scan along the primary key. Both databases walk the primary-key index for
     * the {@code ORDER BY} (H2's plan says "index sorted") and stop after the page, so neither sorts
     * nor buffers the table.
     */
    private static final String FIRST_PAGE = SELECT_LATEST + PK_ORDER;
    /**
     * The page after a key. PostgreSQL bounds its index scan by the row-value comparison itself; H2
     * derives {@code service >= ?} from it as the index range, and filters out the rows of that
     * service up to the key, at most one service's rows per page.
     */
    private static final String NEXT_PAGE = SELECT_LATEST + " WHERE (" + KEY_COLUMNS + ") > ("
            + Jdbc.placeholders(7) + ")" + PK_ORDER;

    /** Reads the scan's next page of {@code latest_results} in primary-key order (empty once it is done). */
    public List<ResultEvent> nextPage(Connection c, LatestScan scan) throws SQLException {
        ResultGroup after = scan.after();
        try (PreparedStatement s = c.prepareStatement(after == null ? FIRST_PAGE : NEXT_PAGE)) {
            if (after != null) {
                bindKey(s, 1, after);
            }
            s.setFetchSize(LatestScan.PAGE);
            List<ResultEvent> page = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    page.add(scan.reader.read(rows));
                }
            }
            scan.advance(page);
            return page;
        }
    }

    /**
     * A scan of {@code latest_results} in primary-key order, one page per call of {@link #nextPage},
     * each page after the last key read (keyset pagination), so each page may run in its own
     * transaction. Not thread-safe.
     */
    public static final class LatestScan {

        /** Rows per page: enough that a page's query costs little per row, few enough to stay small. */
        public static final int PAGE = 5_000;

        private final RowReader reader = new RowReader();
        private ResultGroup after;
        private boolean done;

        public boolean done() {
            return done;
        }

        ResultGroup after() {
            return after;
        }

        void advance(List<ResultEvent> page) {
            if (page.size() < PAGE) {
                done = true;
            }
            if (!page.isEmpty()) {
                after = ResultGroup.of(page.get(page.size() - 1));
            }
        }
    }

    public long registeredServices(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM services");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The latest counted results of a few services (at most {@link #LATEST_CHUNK} per call), looked
     * up along the primary key, in no particular order.
     */
    public List<ResultEvent> latestOf(Connection c, List<String> services) throws SQLException {
        if (services.isEmpty()) {
            return List.of();
        }
        if (services.size() > LATEST_CHUNK) {
            throw new IllegalArgumentException("services must be at most " + LATEST_CHUNK + ", but were "
                    + services.size());
        }
        return readLatest(c, services);
    }

    private static List<ResultEvent> readLatest(Connection c, List<String> services) throws SQLException {
        RowReader reader = new RowReader();
        List<ResultEvent> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SELECT_LATEST + " WHERE service IN ("
                + Jdbc.placeholders(LATEST_CHUNK) + ")")) {
            for (int i = 0; i < LATEST_CHUNK; i++) {
                // a short chunk repeats its last service: one statement text for every chunk
                s.setString(i + 1, services.get(Math.min(i, services.size() - 1)));
            }
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    events.add(reader.read(rows));
                }
            }
        }
        return events;
    }

    /**
     * Services per {@link #latestOf} call. H2 checks every row it reads against the whole {@code IN}
     * list, so a long list costs more per row than the extra queries of a short one; the rows of one
     * query also stay far under the count at which H2 buffers a result to a temporary file.
     */
    public static final int LATEST_CHUNK = 32;

    private static List<ResultEvent> readEvents(PreparedStatement s) throws SQLException {
        List<ResultEvent> events = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                events.add(parse(rows.getString(1)));
            }
        }
        return events;
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
}
