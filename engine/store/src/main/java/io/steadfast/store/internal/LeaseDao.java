package io.steadfast.store.internal;

import io.steadfast.store.RunLease;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

/** SQL for {@code run_leases}. Every method runs inside the caller's transaction. Stateless and thread-safe. */
public final class LeaseDao {

    /**
     * Locks the service's row and takes it when free. Two engines inserting the first row at once: one
     * gets a unique violation, and its transaction (run again by the caller) then finds the row.
     */
    public Optional<RunLease> acquire(Connection c, String service, String holder, Instant now, Instant expiresAt)
            throws SQLException {
        Optional<RunLease> current = select(c, service, " FOR UPDATE");
        RunLease taken = new RunLease(service, holder, now, expiresAt);
        if (current.isEmpty()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO run_leases (service, holder, acquired_at,"
                    + " renewed_at, expires_at) VALUES (?, ?, ?, ?, ?)")) {
                s.setString(1, service);
                s.setString(2, holder);
                Jdbc.setInstant(s, 3, now);
                Jdbc.setInstant(s, 4, now);
                Jdbc.setInstant(s, 5, expiresAt);
                s.executeUpdate();
            }
            return Optional.of(taken);
        }
        if (!current.get().expiredAt(now)) {
            return Optional.empty();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE run_leases SET holder = ?, acquired_at = ?,"
                + " renewed_at = ?, expires_at = ? WHERE service = ?")) {
            s.setString(1, holder);
            Jdbc.setInstant(s, 2, now);
            Jdbc.setInstant(s, 3, now);
            Jdbc.setInstant(s, 4, expiresAt);
            s.setString(5, service);
            s.executeUpdate();
        }
        return Optional.of(taken);
    }

    public Optional<RunLease> renew(Connection c, RunLease lease, Instant now, Instant expiresAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE run_leases SET renewed_at = ?, expires_at = ?"
                + " WHERE service = ? AND holder = ? AND expires_at > ?")) {
            Jdbc.setInstant(s, 1, now);
            Jdbc.setInstant(s, 2, expiresAt);
            s.setString(3, lease.service());
            s.setString(4, lease.holder());
            Jdbc.setInstant(s, 5, now);
            return s.executeUpdate() == 1
                    ? Optional.of(new RunLease(lease.service(), lease.holder(), lease.acquiredAt(), expiresAt))
                    : Optional.empty();
        }
    }

    public void release(Connection c, RunLease lease) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM run_leases WHERE service = ? AND holder = ?")) {
            s.setString(1, lease.service());
            s.setString(2, lease.holder());
            s.executeUpdate();
        }
    }

    public Optional<RunLease> current(Connection c, String service) throws SQLException {
        return select(c, service, "");
    }

    private static Optional<RunLease> select(Connection c, String service, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT holder, acquired_at, expires_at FROM run_leases WHERE service = ?" + lock)) {
            s.setString(1, service);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next()
                        ? Optional.of(new RunLease(service, rows.getString(1), Jdbc.getInstant(rows, "acquired_at"),
                        Jdbc.getInstant(rows, "expires_at")))
                        : Optional.empty();
            }
        }
    }
}
