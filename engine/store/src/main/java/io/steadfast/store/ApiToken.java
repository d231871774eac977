package io.steadfast.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A bearer token of the HTTP API as stored: never the token itself, only its SHA-256 digest.
 *
 * @param id        a short public id, for listing and revoking
 * @param digest    hex SHA-256 of the token
 * @param role      {@code admin}, {@code owner}, {@code viewer} or {@code ci}
 * @param team      the team it is limited to, or null for every team
 * @param expiresAt when it stops working, or null when it never does
 * @param revokedAt null unless it was revoked
 */
public record ApiToken(String id, String digest, String role, String team, Instant createdAt, Instant expiresAt,
                       Instant revokedAt) {

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** Neither revoked nor expired at {@code now}. */
    public boolean validAt(Instant now) {
        return revokedAt == null && (expiresAt == null || now.isBefore(expiresAt));
    }
}
