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
import java.util.List;
import java.util.Optional;

/** SQL for score snapshots and gate decisions, inside the caller's transaction. Stateless and thread-safe. */
public final class HistoryDao {

    private static final String SNAPSHOT_COLUMNS = "service, taken_at, standard, score, verdict, coverage";

    public Optional<ScoreSnapshot> lastSnapshot(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS + " FROM score_snapshots"
                + " WHERE service = ? ORDER BY taken_at DESC, id DESC FETCH FIRST 1 ROWS ONLY")) {
            s.setString(1, service);
            return readSnapshots(s).stream().findFirst();
        }
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
        try (PreparedStatement s = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS + " FROM score_snapshots"
                + " WHERE service = ? ORDER BY taken_at, id")) {
            s.setString(1, service);
            return readSnapshots(s);
        }
    }

    /** The last snapshot at or before {@code from} (the score then), and every one after it. */
    public List<ScoreSnapshot> historySince(Connection c, String service, Instant from) throws SQLException {
        List<ScoreSnapshot> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS + " FROM score_snapshots"
                + " WHERE service = ? AND taken_at <= ? ORDER BY taken_at DESC, id DESC FETCH FIRST 1 ROWS ONLY")) {
            s.setString(1, service);
            Jdbc.setInstant(s, 2, from);
            found.addAll(readSnapshots(s));
        }
        try (PreparedStatement s = c.prepareStatement("SELECT " + SNAPSHOT_COLUMNS + " FROM score_snapshots"
                + " WHERE service = ? AND taken_at > ? ORDER BY taken_at, id")) {
            s.setString(1, service);
            Jdbc.setInstant(s, 2, from);
            found.addAll(readSnapshots(s));
        }
        return found;
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
