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
 * @param revokedAt null while the token is valid
 */
public record ApiToken(String id, String digest, String role, String team, Instant createdAt, Instant revokedAt) {

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
