package io.steadfast.http.internal;

import io.steadfast.app.Engine;
import io.steadfast.http.ApiException;
import io.steadfast.http.Principal;
import io.steadfast.http.Role;
import io.steadfast.model.ServiceDefinition;
import java.util.List;
import java.util.Optional;

/**
 * Which services a caller may see and change. A service of another team is answered exactly as a
 * service that does not exist (404), so that a team-limited token learns nothing about it.
 */
public final class ServiceAccess {

    private final Engine engine;

    public ServiceAccess(Engine engine) {
        this.engine = engine;
    }

    /** The registered service, when the caller may see it. */
    public Optional<ServiceDefinition> visible(Principal caller, String id) {
        return engine.service(id).filter(s -> caller.sees(s.team()));
    }

    /** @throws ApiException 404 unless the service is registered and the caller may see it */
    public ServiceDefinition require(Principal caller, String id) {
        return visible(caller, id).orElseThrow(() -> notFound(id));
    }

    /** The services the caller may see, sorted by id. */
    public List<ServiceDefinition> all(Principal caller) {
        return engine.store().services().stream().filter(s -> caller.sees(s.team())).toList();
    }

    /**
     * @throws ApiException 403 unless the caller may write for services of {@code team}: an admin
     *                      always, an owner or ci token for its own team
     */
    public static void requireWrite(Principal caller, String team) {
        if (caller.role() == Role.ADMIN) {
            return;
        }
        if (caller.team() == null || !caller.team().equals(team)) {
            throw ApiException.forbidden("token of role '" + caller.role().id() + "' must act for team '"
                    + caller.team() + "' only, but the request is for team '" + team + "'");
        }
    }

    public static ApiException notFound(String id) {
        return ApiException.notFound("service", "service '" + id + "' must be a registered service, but was not found");
    }
}
