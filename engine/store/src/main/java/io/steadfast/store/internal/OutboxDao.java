package io.steadfast.store.internal;

import io.steadfast.store.OutboxEntry;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** SQL for the score announcements' outbox, inside the caller's transaction. Stateless and thread-safe. */
public final class OutboxDao {

    public void insert(Connection c, String service, String eventId, String payload, Instant createdAt)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO score_outbox (service, event_id, payload, created_at) VALUES (?, ?, ?, ?)")) {
            s.setString(1, service);
            s.setString(2, eventId);
            s.setString(3, payload);
            Jdbc.setInstant(s, 4, createdAt);
            s.executeUpdate();
        }
    }

    /** The first {@code limit} entries, in id order. */
    public List<OutboxEntry> first(Connection c, int limit) throws SQLException {
        List<OutboxEntry> found = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, service, event_id, payload, created_at"
                + " FROM score_outbox ORDER BY id FETCH FIRST " + limit + " ROWS ONLY");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                found.add(new OutboxEntry(rows.getLong("id"), rows.getString("service"), rows.getString("event_id"),
                        rows.getString("payload"), Jdbc.getInstant(rows, "created_at")));
            }
        }
        return found;
    }

    public void delete(Connection c, Collection<Long> ids) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM score_outbox WHERE id = ?")) {
            for (long id : ids) {
                s.setLong(1, id);
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    public long count(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM score_outbox");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
