package io.steadfast.store.internal;

import io.steadfast.store.ApiToken;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL for API tokens and result posters, inside the caller's transaction. Stateless and thread-safe. */
public final class ApiDao {

    private static final String TOKEN_COLUMNS = "id, digest, role, team, created_at, expires_at, revoked_at";

    public void insertToken(Connection c, ApiToken token) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO api_tokens (" + TOKEN_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setString(1, token.id());
            s.setString(2, token.digest());
            s.setString(3, token.role());
            s.setString(4, token.team());
            Jdbc.setInstant(s, 5, token.createdAt());
            Jdbc.setInstant(s, 6, token.expiresAt());
            Jdbc.setInstant(s, 7, token.revokedAt());
            s.executeUpdate();
        }
    }

    public Optional<ApiToken> tokenByDigest(Connection c, String digest) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + TOKEN_COLUMNS + " FROM api_tokens WHERE digest = ?")) {
            s.setString(1, digest);
            return readTokens(s).stream().findFirst();
        }
    }

    public List<ApiToken> tokens(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + TOKEN_COLUMNS + " FROM api_tokens ORDER BY created_at, id")) {
            return readTokens(s);
        }
    }

    /** @return whether a valid token with this id was revoked */
    public boolean revokeToken(Connection c, String id, Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL")) {
            Jdbc.setInstant(s, 1, at);
            s.setString(2, id);
            return s.executeUpdate() == 1;
        }
    }

    /** Records the poster of each result id not recorded yet (a result posted again keeps its first poster). */
    public void insertPosters(Connection c, Collection<String> resultIds, String tokenId, Instant at) throws SQLException {
        for (List<String> chunk : Jdbc.chunks(resultIds)) {
            List<String> known = new ArrayList<>();
            try (PreparedStatement s = c.prepareStatement("SELECT result_id FROM result_posters WHERE result_id IN ("
                    + Jdbc.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        known.add(rows.getString(1));
                    }
                }
            }
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO result_posters (result_id, token_id, posted_at) VALUES (?, ?, ?)")) {
                for (String id : chunk.stream().distinct().filter(id -> !known.contains(id)).toList()) {
                    s.setString(1, id);
                    s.setString(2, tokenId);
                    Jdbc.setInstant(s, 3, at);
                    s.addBatch();
                }
                s.executeBatch();
            }
        }
    }

    public Optional<String> poster(Connection c, String resultId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT token_id FROM result_posters WHERE result_id = ?")) {
            s.setString(1, resultId);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
            }
        }
    }

    private static List<ApiToken> readTokens(PreparedStatement s) throws SQLException {
        List<ApiToken> found = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                found.add(new ApiToken(rows.getString("id"), rows.getString("digest"), rows.getString("role"),
                        rows.getString("team"), Jdbc.getInstant(rows, "created_at"), Jdbc.getInstant(rows, "expires_at"),
                        Jdbc.getInstant(rows, "revoked_at")));
            }
        }
        return found;
    }
}
