package io.steadfast.http;

import java.util.Arrays;
import java.util.Locale;

/**
 * What an API token may do. {@link #ADMIN}: everything; {@link #OWNER}: read, and write its team's
 * services, results and runs; {@link #VIEWER}: read; {@link #CI}: read, gate and post results for
 * its team. A token with a team sees only that team's services, whatever its role.
 */
public enum Role {
    ADMIN,
    OWNER,
    VIEWER,
    CI;

    /** The lower-case name used on the command line, in the store and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the known roles */
    public static Role of(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("role must be one of admin, owner, viewer, ci, but was '"
                        + id + "'"));
    }
}
