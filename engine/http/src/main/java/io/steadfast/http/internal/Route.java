package io.steadfast.http.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.steadfast.http.Principal;
import io.steadfast.http.Role;
import java.util.Objects;
import java.util.Set;

/**
 * One route of the API: method, path (Javalin syntax, {@code {id}} for a path parameter), the roles
 * allowed to call it, and its handler, which gets the caller.
 */
public record Route(HandlerType method, String path, Set<Role> roles, Handler handler) {

    /** A route's work, given the authenticated caller. */
    @FunctionalInterface
    public interface Handler {
        void handle(Context ctx, Principal caller) throws Exception;
    }

    public static final Set<Role> ANY = Set.of(Role.values());

    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(handler, "handler");
    }
}
