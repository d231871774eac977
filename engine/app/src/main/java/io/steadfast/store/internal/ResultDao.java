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

    public IngestOutcome store(Connection c, List<ResultEvent> events, Instant receivedAt) throws SQLException {
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
        advanceLatest(c, fresh);
        return new IngestOutcome(fresh.size(), duplicates, conflicts);
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

    private static void insert(Connection c, List<ResultEvent> events, Map<String, String> json, Instant receivedAt)
            throws SQLException {
        if (events.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO results (result_id, service, suite, test, target,"
                + " status, started_at, finished_at, service_version, environment, source, run_id, probes_passed,"
                + " probes_total, time_to_detect_ms, time_to_recover_ms, received_at, payload)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ResultEvent e : events) {
                Measurements m = e.measurements();
                s.setString(1, e.resultId());
                s.setString(2, e.service());
                s.setString(3, e.suite());
                s.setString(4, e.test());
                s.setString(5, e.target());
                s.setString(6, e.status().name());
                Jdbc.setInstant(s, 7, e.startedAt());
                Jdbc.setInstant(s, 8, e.finishedAt());
                s.setString(9, e.serviceVersion());
                s.setString(10, e.environment());
                s.setString(11, e.source());
                s.setString(12, e.runId());
                Jdbc.setInteger(s, 13, m.probesPassed());
                Jdbc.setInteger(s, 14, m.probesTotal());
                Jdbc.setLong(s, 15, m.timeToDetectMs());
                Jdbc.setLong(s, 16, m.timeToRecoverMs());
                Jdbc.setInstant(s, 17, receivedAt);
                s.setString(18, json.get(e.resultId()));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Moves each group's latest counted result forward to the newest of the fresh ones, where newer. */
    private static void advanceLatest(Connection c, List<ResultEvent> fresh) throws SQLException {
        Map<String, ResultEvent> newestByGroup = new TreeMap<>(); // sorted keys: a fixed lock order across writers
        for (ResultEvent event : fresh) {
            if (event.status().counts()) {
                newestByGroup.merge(ResultGroup.of(event).key(), event,
                        (a, b) -> LATEST_LAST.compare(a, b) >= 0 ? a : b);
            }
        }
        for (Map.Entry<String, ResultEvent> entry : newestByGroup.entrySet()) {
            ResultEvent candidate = entry.getValue();
            Optional<Current> current = lockLatest(c, entry.getKey());
            if (current.isEmpty()) {
                insertLatest(c, entry.getKey(), candidate);
            } else if (current.get().isOlderThan(candidate)) {
                updateLatest(c, entry.getKey(), candidate);
            }
        }
    }

    /** The ordering fields of a group's current latest result. */
    private record Current(String resultId, Instant finishedAt) {
        boolean isOlderThan(ResultEvent candidate) {
            int byTime = finishedAt.compareTo(candidate.finishedAt());
            return byTime < 0 || byTime == 0 && resultId.compareTo(candidate.resultId()) < 0;
        }
    }

    private static Optional<Current> lockLatest(Connection c, String key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT result_id, finished_at_s, finished_at_ns"
                + " FROM latest_results WHERE group_key = ? FOR UPDATE")) {
            s.setString(1, key);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next()
                        ? Optional.of(new Current(rows.getString(1), Instant.ofEpochSecond(rows.getLong(2), rows.getInt(3))))
                        : Optional.empty();
            }
        }
    }

    private static final String LATEST_COLUMNS = "service, suite, test, target, source, environment, service_version,"
            + " result_id, schema_version, status, started_at_s, started_at_ns, finished_at_s, finished_at_ns, run_id,"
            + " probes_passed, probes_total, time_to_detect_ms, time_to_recover_ms, message";

    private static void insertLatest(Connection c, String key, ResultEvent e) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO latest_results (" + LATEST_COLUMNS + ", group_key)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            bindLatest(s, key, e);
            s.executeUpdate();
        }
    }

    private static void updateLatest(Connection c, String key, ResultEvent e) throws SQLException {
        String assignments = String.join(" = ?, ", LATEST_COLUMNS.split(",\\s*")) + " = ?";
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE latest_results SET " + assignments + " WHERE group_key = ?")) {
            bindLatest(s, key, e);
            s.executeUpdate();
        }
    }

    /** Binds the event in {@link #LATEST_COLUMNS} order, then the group key. */
    private static void bindLatest(PreparedStatement s, String key, ResultEvent e) throws SQLException {
        Measurements m = e.measurements();
        s.setString(1, e.service());
        s.setString(2, e.suite());
        s.setString(3, e.test());
        s.setString(4, e.target());
        s.setString(5, e.source());
        s.setString(6, e.environment());
        s.setString(7, e.serviceVersion());
        s.setString(8, e.resultId());
        s.setInt(9, e.schemaVersion());
        s.setString(10, e.status().name());
        Jdbc.setLong(s, 11, e.startedAt() == null ? null : e.startedAt().getEpochSecond());
        Jdbc.setInteger(s, 12, e.startedAt() == null ? null : e.startedAt().getNano());
        s.setLong(13, e.finishedAt().getEpochSecond());
        s.setInt(14, e.finishedAt().getNano());
        s.setString(15, e.runId());
        Jdbc.setInteger(s, 16, m.probesPassed());
        Jdbc.setInteger(s, 17, m.probesTotal());
        Jdbc.setLong(s, 18, m.timeToDetectMs());
        Jdbc.setLong(s, 19, m.timeToRecoverMs());
        s.setString(20, e.message());
        s.setString(21, key);
    }

    /**
     * Reads a row selected as {@link #LATEST_COLUMNS}. Repeated values (suite, source, environment,
     * ...) are shared through {@code strings}, which keeps an organisation's latest results small
     * when a caller caches them.
     */
    private static ResultEvent readLatestRow(ResultSet r, Map<String, String> strings) throws SQLException {
        long startedS = r.getLong(11);
        Instant startedAt = r.wasNull() ? null : Instant.ofEpochSecond(startedS, r.getInt(12));
        Measurements measurements = new Measurements(Jdbc.getLong(r, 18), Jdbc.getLong(r, 19),
                Jdbc.getInteger(r, 16), Jdbc.getInteger(r, 17));
        return new ResultEvent(r.getInt(9), r.getString(8), shared(r, 1, strings), shared(r, 2, strings),
                shared(r, 3, strings), shared(r, 4, strings), ResultStatus.valueOf(r.getString(10)), startedAt,
                Instant.ofEpochSecond(r.getLong(13), r.getInt(14)), shared(r, 7, strings), shared(r, 6, strings),
                shared(r, 5, strings), shared(r, 15, strings), measurements, r.getString(20));
    }

    private static String shared(ResultSet r, int column, Map<String, String> strings) throws SQLException {
        String value = r.getString(column);
        return value == null ? null : strings.computeIfAbsent(value, v -> v);
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
        String key = g.key();
        Optional<Current> current = lockLatest(c, key);
        ResultEvent newest = null;
        try (PreparedStatement s = c.prepareStatement("SELECT r.payload FROM results r"
                + " WHERE r.service = ? AND r.suite = ? AND r.test = ? AND r.target = ?"
                + " AND COALESCE(r.source, '') = ? AND COALESCE(r.environment, '') = ?"
                + " AND COALESCE(r.service_version, '') = ? AND r.status NOT IN (?, ?) AND" + NOT_RETRACTED)) {
            s.setString(1, g.service());
            s.setString(2, g.suite());
            s.setString(3, g.test());
            s.setString(4, g.target());
            s.setString(5, g.source());
            s.setString(6, g.environment());
            s.setString(7, g.serviceVersion());
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
                try (PreparedStatement s = c.prepareStatement("DELETE FROM latest_results WHERE group_key = ?")) {
                    s.setString(1, key);
                    s.executeUpdate();
                }
            }
        } else if (current.isEmpty()) {
            insertLatest(c, key, newest);
        } else if (!current.get().resultId().equals(newest.resultId())) {
            updateLatest(c, key, newest);
        }
    }

    /** Latest counted results per service; every requested service is a key, all services when none is requested. */
    public Map<String, List<ResultEvent>> latestCounted(Connection c, Collection<String> services) throws SQLException {
        Map<String, List<ResultEvent>> byService = new TreeMap<>();
        Map<String, String> strings = new HashMap<>();
        if (services.isEmpty()) {
            readAllLatest(c, byService, strings);
        } else {
            Set<String> distinct = new LinkedHashSet<>(services);
            for (String service : distinct) {
                byService.put(service, new ArrayList<>());
            }
            for (List<String> chunk : Jdbc.chunks(distinct)) {
                try (PreparedStatement s = c.prepareStatement("SELECT " + LATEST_COLUMNS + ", group_key"
                        + " FROM latest_results WHERE service IN (" + Jdbc.placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        s.setString(i + 1, chunk.get(i));
                    }
                    readLatest(s, byService, strings);
                }
            }
        }
        Comparator<ResultEvent> order = Comparator.comparing(ResultEvent::suite).thenComparing(ResultEvent::test)
                .thenComparing(ResultEvent::target).thenComparing(LATEST_LAST);
        Map<String, List<ResultEvent>> result = new LinkedHashMap<>();
        byService.forEach((service, events) -> {
            events.sort(order);
            result.put(service, List.copyOf(events));
        });
        return result;
    }

    /**
     * Reads the whole table in pages along the primary key: H2 buffers a large result to a temporary
     * file before returning its first row (and its lazy mode can fail on a busy store), while pages
     * of this size stay in memory.
     */
    private static void readAllLatest(Connection c, Map<String, List<ResultEvent>> into, Map<String, String> strings)
            throws SQLException {
        String after = "";
        while (true) {
            try (PreparedStatement s = c.prepareStatement("SELECT " + LATEST_COLUMNS + ", group_key"
                    + " FROM latest_results WHERE group_key > ? ORDER BY group_key FETCH FIRST " + LATEST_PAGE
                    + " ROWS ONLY")) {
                s.setString(1, after);
                String last = readLatest(s, into, strings);
                if (last == null) {
                    return;
                }
                after = last;
            }
        }
    }

    private static final int LATEST_PAGE = 10_000;

    /** Reads rows selected as {@link #LATEST_COLUMNS} then group_key; returns the last group key, or null when none. */
    private static String readLatest(PreparedStatement s, Map<String, List<ResultEvent>> into,
                                     Map<String, String> strings) throws SQLException {
        s.setFetchSize(1000);
        String lastKey = null;
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                ResultEvent event = readLatestRow(rows, strings);
                into.computeIfAbsent(event.service(), k -> new ArrayList<>()).add(event);
                lastKey = rows.getString(21);
            }
        }
        return lastKey;
    }

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
