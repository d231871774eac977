package io.steadfast.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.steadfast.json.Json;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.model.Waiver;
import io.steadfast.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL for registered services and waivers, inside the caller's transaction. Stateless and thread-safe. */
public final class DefinitionDao {

    public void upsertService(Connection c, ServiceDefinition service, String sourceText, ServiceOrigin origin)
            throws SQLException {
        String json = write(service, "service '" + service.id() + "'");
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE services SET definition = ?, source_text = ?, origin = ? WHERE id = ?")) {
            s.setString(1, json);
            s.setString(2, sourceText);
            s.setString(3, origin.id());
            s.setString(4, service.id());
            if (s.executeUpdate() > 0) {
                return;
            }
        }
        // a concurrent insert of the same id fails this one on the primary key; the caller retries as an update
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO services (id, definition, source_text, origin) VALUES (?, ?, ?, ?)")) {
            s.setString(1, service.id());
            s.setString(2, json);
            s.setString(3, sourceText);
            s.setString(4, origin.id());
            s.executeUpdate();
        }
    }

    public Optional<ServiceOrigin> serviceOrigin(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT origin FROM services WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(ServiceOrigin.of(rows.getString(1))) : Optional.empty();
            }
        }
    }

    public Optional<ServiceDefinition> service(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT definition FROM services WHERE id = ?")) {
            s.setString(1, id);
            List<ServiceDefinition> found = readServices(s);
            return found.stream().findFirst();
        }
    }

    public List<ServiceDefinition> services(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT definition FROM services ORDER BY id")) {
            return readServices(s);
        }
    }

    /** The registered services among {@code ids}, in no particular order; unknown ids are left out. */
    public List<ServiceDefinition> services(Connection c, Collection<String> ids) throws SQLException {
        List<ServiceDefinition> found = new ArrayList<>();
        for (List<String> chunk : Jdbc.chunks(ids)) {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT definition FROM services WHERE id IN (" + Jdbc.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                found.addAll(readServices(s));
            }
        }
        return found;
    }

    public Optional<String> serviceSource(Connection c, String id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT source_text FROM services WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.ofNullable(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<ServiceDefinition> readServices(PreparedStatement s) throws SQLException {
        List<ServiceDefinition> found = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                found.add(read(rows.getString(1), ServiceDefinition.class));
            }
        }
        return found;
    }

    /** Inserts the waiver under the given id; a taken id fails on the primary key. */
    public void insertWaiver(Connection c, Waiver w, Instant createdAt) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO waivers (id, service, test, target, reason,"
                + " approved_by, expires_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, w.id());
            s.setString(2, w.service());
            s.setString(3, w.test());
            s.setString(4, w.target());
            s.setString(5, w.reason());
            s.setString(6, w.approvedBy());
            Jdbc.setInstant(s, 7, w.expiresAt());
            Jdbc.setInstant(s, 8, createdAt);
            s.executeUpdate();
        }
    }

    public List<Waiver> activeWaivers(Connection c, String serviceOrNull) throws SQLException {
        String sql = "SELECT id, service, test, target, reason, approved_by, expires_at FROM waivers"
                + " WHERE revoked_at IS NULL" + (serviceOrNull == null ? "" : " AND service = ?")
                + " ORDER BY service, test, target, created_at, id";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            if (serviceOrNull != null) {
                s.setString(1, serviceOrNull);
            }
            List<Waiver> found = new ArrayList<>();
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    found.add(new Waiver(rows.getString("id"), rows.getString("service"), rows.getString("test"),
                            rows.getString("target"), rows.getString("reason"), rows.getString("approved_by"),
                            Jdbc.getInstant(rows, "expires_at")));
                }
            }
            return found;
        }
    }

    public void revokeWaiver(Connection c, String id, String by, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE waivers SET revoked_by = ?, revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            s.setString(1, by);
            Jdbc.setInstant(s, 2, at);
            s.setString(3, id);
            if (s.executeUpdate() == 1) {
                return;
            }
        }
        try (PreparedStatement s = c.prepareStatement("SELECT revoked_by, revoked_at FROM waivers WHERE id = ?")) {
            s.setString(1, id);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    throw new StoreException("waiver '" + id + "' cannot be revoked: no waiver with this id is stored");
                }
                throw new StoreException("waiver '" + id + "' cannot be revoked twice, but it was already revoked by '"
                        + rows.getString("revoked_by") + "' at " + Jdbc.getInstant(rows, "revoked_at"));
            }
        }
    }

    static String write(Object value, String what) {
        try {
            return Json.mapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new StoreException(what + " cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    static <T> T read(String json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored " + type.getSimpleName() + " cannot be read: " + e.getMessage(), e);
        }
    }
}
