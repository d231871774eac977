package io.steadfast.http;

import java.util.Objects;

/**
 * Who a request is made by: the token that authenticated it.
 *
 * @param tokenId the token's public id (recorded as the poster of results, the author of retractions)
 * @param team    the team the token is limited to, or null for every team
 */
public record Principal(String tokenId, Role role, String team) {

    public Principal {
        Objects.requireNonNull(tokenId, "tokenId");
        Objects.requireNonNull(role, "role");
    }

    /** Whether the token may see a service of this team (a team-limited token sees only its own). */
    public boolean sees(String serviceTeam) {
        return team == null || team.equals(serviceTeam);
    }

    /** How the token is named where it acted: {@code token:<id>}. */
    public String actor() {
        return "token:" + tokenId;
    }
}
