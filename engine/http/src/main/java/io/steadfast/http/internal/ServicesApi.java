package io.steadfast.http.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Engine;
import io.steadfast.app.Policy;
import io.steadfast.definitions.DefinitionError;
import io.steadfast.definitions.DefinitionLoader;
import io.steadfast.definitions.Definitions;
import io.steadfast.definitions.LoadResult;
import io.steadfast.http.ApiException;
import io.steadfast.http.FieldError;
import io.steadfast.http.Principal;
import io.steadfast.http.Role;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /services}: list, read, register ({@code POST}) and update ({@code PUT}) services from a
 * Service YAML or JSON document. A service registered here is stored as coming from the API, so the
 * runner never controls its processes or runs commands for it (DESIGN §8); process control and exec
 * ({@code instances[].pidFile}, {@code stopCommand}, {@code startCommand}) are refused in the parsed
 * document ({@link DefinitionLoader#withoutProcessControl}), and fault-proxy addresses must be on the
 * admin's allowlist ({@link Policy}). Only an
 * admin registers an id that already has results, so that no team claims another's results.
 * Process control is shown to admins only.
 */
final class ServicesApi {

    private final Engine engine;
    private final DefinitionService definitions;
    private final ServiceAccess access;
    private final Policy policy;
    private final DefinitionLoader loader = DefinitionLoader.withoutProcessControl();

    ServicesApi(Engine engine, DefinitionService definitions, ServiceAccess access, Policy policy) {
        this.engine = engine;
        this.definitions = definitions;
        this.access = access;
        this.policy = policy;
    }

    void register(List<Route> routes) {
        routes.add(new Route(HandlerType.GET, "/api/v1/services", Route.ANY,
                (ctx, caller) -> Web.json(ctx, 200,
                        access.all(caller).stream().map(s -> Redacted.service(caller, s)).toList())));
        routes.add(new Route(HandlerType.GET, "/api/v1/services/{id}", Route.ANY,
                (ctx, caller) -> Web.json(ctx, 200,
                        Redacted.service(caller, access.require(caller, ctx.pathParam("id"))))));
        routes.add(new Route(HandlerType.POST, "/api/v1/services", Set.of(Role.ADMIN, Role.OWNER), this::create));
        routes.add(new Route(HandlerType.PUT, "/api/v1/services/{id}", Set.of(Role.ADMIN, Role.OWNER), this::update));
    }

    private void create(Context ctx, Principal caller) {
        ServiceDefinition service = parse(ctx.body(), null);
        ServiceAccess.requireWrite(caller, service.team());
        boolean registered = engine.service(service.id()).isPresent();
        if (caller.role() != Role.ADMIN && access.visible(caller, service.id()).isEmpty()
                && (registered || engine.store().resultCount(service.id()) > 0)) {
            // the same answer whether another team registered the id or results were published for it
            throw ApiException.conflict("id", "service id '" + service.id() + "' must be free for team '"
                    + caller.team() + "', but is in use outside it; an admin may register it");
        }
        if (registered) {
            throw ApiException.conflict("id", "service '" + service.id()
                    + "' must not be registered yet, but was (update it with PUT /api/v1/services/" + service.id() + ")");
        }
        engine.registerService(service, ctx.body(), ServiceOrigin.API);
        ctx.header("Location", "/api/v1/services/" + service.id());
        Web.json(ctx, 201, Redacted.service(caller, service));
    }

    private void update(Context ctx, Principal caller) {
        String id = ctx.pathParam("id");
        ServiceDefinition existing = access.require(caller, id);
        ServiceAccess.requireWrite(caller, existing.team());
        ServiceDefinition service = parse(ctx.body(), id);
        ServiceAccess.requireWrite(caller, service.team());
        engine.registerService(service, ctx.body(), ServiceOrigin.API);
        Web.json(ctx, 200, Redacted.service(caller, service));
    }

    /** Parses one Service document, reporting every problem at once. */
    private ServiceDefinition parse(String body, String pathId) {
        if (body.isBlank()) {
            throw ApiException.badRequest("body", "must be a Service document (YAML or JSON), but was empty");
        }
        List<FieldError> errors = new ArrayList<>();
        LoadResult loaded = loader.loadText("body", body);
        for (DefinitionError e : loaded.errors()) {
            errors.add(new FieldError(e.path(), e.message()));
        }
        Definitions parsed = loaded.definitions();
        if (loaded.ok() && (parsed.services().size() != 1 || !parsed.suites().isEmpty()
                || !parsed.standards().isEmpty() || !parsed.waivers().isEmpty())) {
            errors.add(new FieldError("kind", "body must hold exactly one Service document, but held "
                    + parsed.services().size() + " service(s), " + parsed.suites().size() + " suite(s), "
                    + parsed.standards().size() + " standard(s) and " + parsed.waivers().size() + " waiver(s)"));
        }
        ServiceDefinition service = loaded.ok() && parsed.services().size() == 1
                ? parsed.services().values().iterator().next() : null;
        if (service != null) {
            policy.refusedApiProxyAddresses(service).forEach((path, address) -> errors.add(new FieldError(path,
                    policy.apiProxyAddressRule() + ", but was '" + address + "'")));
            if (service.standard() != null && !definitions.current().standards().containsKey(service.standard())) {
                errors.add(new FieldError("standard", "must be a known standard, but was '" + service.standard() + "'"));
            }
            if (service.team() == null || service.team().isBlank()) {
                errors.add(new FieldError("team", "must be given, but was missing"));
            }
            if (pathId != null && !pathId.equals(service.id())) {
                errors.add(new FieldError("id", "must be the id in the path ('" + pathId + "'), but was '"
                        + service.id() + "'"));
            }
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return service;
    }
}
