package io.steadfast.store.internal;

import io.steadfast.gate.GateDecision;
import io.steadfast.scoring.Verdict;
import io.steadfast.store.ScoreSnapshot;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL for score snapshots and gate decisions, inside the caller's transaction. Stateless and thread-safe. */
public final class HistoryDao {

    private static final String SNAPSHOT_COLUMNS = "service, taken_at, standard, score, verdict, coverage";

    // The ORDER BY clauses name the index's columns (service, taken_at) so that H2 walks the index, in
    // either direction, instead of sorting every snapshot of the service.
    private static final String OLDEST_FIRST = " ORDER BY service, taken_at, id";
    private static final String NEWEST_FIRST = " ORDER BY service DESC, taken_at DESC, id DESC";

    public Optional<ScoreSnapshot> lastSnapshot(Connection c, String service) throws SQLException {
        return lastSnapshots(c, List.of(service)).get(service);
    }

    /** Each service's last snapshot, looked up with one statement prepared once. */
    public Map<String, Optional<ScoreSnapshot>> lastSnapshots(Connection c, Collection<String> services)
            throws SQLException {
        Map<String, Optional<ScoreSnapshot>> last = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS + " FROM score_snapshots"
                + " WHERE service = ?" + NEWEST_FIRST + " FETCH FIRST 1 ROWS ONLY")) {
            for (String service : services) {
                s.setString(1, service);
                last.put(service, readSnapshots(s).stream().findFirst());
            }
        }
        return last;
    }

    public void insertSnapshot(Connection c, ScoreSnapshot snapshot) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO score_snapshots (" + SNAPSHOT_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            s.setString(1, snapshot.service());
            Jdbc.setInstant(s, 2, snapshot.at());
            s.setString(3, snapshot.standard());
            setScore(s, 4, snapshot.score());
            s.setString(5, snapshot.verdict().name());
            s.setDouble(6, snapshot.coverage());
            s.executeUpdate();
        }
    }

    public List<ScoreSnapshot> history(Connection c, String service) throws SQLException {
        return history(c, service, null, null, 0);
    }

    /**
     * The snapshots of a window, oldest first: with {@code from}, the last one at or before it (the
     * score at that instant) and every later one; with {@code to}, none after it; with a
     * {@code limit} above 0, only the latest {@code limit} of those.
     */
    public List<ScoreSnapshot> history(Connection c, String service, Instant from, Instant to, int limit)
            throws SQLException {
        List<ScoreSnapshot> found = new ArrayList<>();
        if (from != null && (to == null || !from.isAfter(to))) {
            try (PreparedStatement s = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS + " FROM score_snapshots"
                    + " WHERE service = ? AND taken_at <= ?" + NEWEST_FIRST + " FETCH FIRST 1 ROWS ONLY")) {
                s.setString(1, service);
                Jdbc.setInstant(s, 2, from);
                found.addAll(readSnapshots(s));
            }
        }
        StringBuilder sql = new StringBuilder("SELECT " + SNAPSHOT_COLUMNS + " FROM score_snapshots WHERE service = ?");
        if (from != null) {
            sql.append(" AND taken_at > ?");
        }
        if (to != null) {
            sql.append(" AND taken_at <= ?");
        }
        sql.append(limit > 0 ? NEWEST_FIRST + " FETCH FIRST " + limit + " ROWS ONLY" : OLDEST_FIRST);
        try (PreparedStatement s = c.prepareStatement(sql.toString())) {
            int index = 1;
            s.setString(index++, service);
            if (from != null) {
                Jdbc.setInstant(s, index++, from);
            }
            if (to != null) {
                Jdbc.setInstant(s, index, to);
            }
            List<ScoreSnapshot> window = readSnapshots(s);
            if (limit > 0) {
                Collections.reverse(window);
            }
            found.addAll(window);
        }
        return limit > 0 && found.size() > limit ? List.copyOf(found.subList(found.size() - limit, found.size()))
                : found;
    }

    /**
     * The snapshots of {@code services} after {@code from}, each service's led by its last one at or
     * before {@code from}: two statements prepared once, each walking the history's index per service.
     */
    public Map<String, List<ScoreSnapshot>> histories(Connection c, Collection<String> services, Instant from)
            throws SQLException {
        Map<String, List<ScoreSnapshot>> histories = new HashMap<>();
        try (PreparedStatement then = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS + " FROM score_snapshots"
                + " WHERE service = ? AND taken_at <= ?" + NEWEST_FIRST + " FETCH FIRST 1 ROWS ONLY");
             PreparedStatement since = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS + " FROM score_snapshots"
                     + " WHERE service = ? AND taken_at > ?" + OLDEST_FIRST)) {
            Jdbc.setInstant(then, 2, from);
            Jdbc.setInstant(since, 2, from);
            for (String service : services) {
                then.setString(1, service);
                since.setString(1, service);
                List<ScoreSnapshot> history = new ArrayList<>(readSnapshots(then));
                history.addAll(readSnapshots(since));
                histories.put(service, history);
            }
        }
        return histories;
    }

    private static List<ScoreSnapshot> readSnapshots(PreparedStatement s) throws SQLException {
        List<ScoreSnapshot> found = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                found.add(new ScoreSnapshot(rows.getString("service"), Jdbc.getInstant(rows, "taken_at"),
                        rows.getString("standard"), rows.getBigDecimal("score"),
                        Verdict.valueOf(rows.getString("verdict")), rows.getDouble("coverage")));
            }
        }
        return found;
    }

    public long insertGateDecision(Connection c, GateDecision d) throws SQLException {
        String json = DefinitionDao.write(d, "gate decision for service '" + d.service() + "'");
        try (PreparedStatement s = c.prepareStatement("INSERT INTO gate_decisions (service, version, environment,"
                + " decided_at, verdict, outcome, score, standard, decision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, d.service());
            s.setString(2, d.version());
            s.setString(3, d.environment());
            Jdbc.setInstant(s, 4, d.at());
            s.setString(5, d.verdict().name());
            s.setString(6, d.outcome().name());
            setScore(s, 7, d.score());
            s.setString(8, d.standard());
            s.setString(9, json);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("the database returned no id for the inserted gate decision");
                }
                return keys.getLong("id");
            }
        }
    }

    public List<GateDecision> gateDecisions(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT decision FROM gate_decisions WHERE service = ? ORDER BY decided_at, id")) {
            s.setString(1, service);
            List<GateDecision> found = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    found.add(DefinitionDao.read(rows.getString(1), GateDecision.class));
                }
            }
            return found;
        }
    }

    private static void setScore(PreparedStatement s, int index, BigDecimal score) throws SQLException {
        if (score == null) {
            s.setNull(index, Types.NUMERIC);
        } else {
            s.setBigDecimal(index, score.setScale(1, RoundingMode.HALF_UP));
        }
    }
}
