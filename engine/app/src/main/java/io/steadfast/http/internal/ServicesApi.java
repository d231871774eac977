package io.steadfast.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.steadfast.app.Engine;
import io.steadfast.definitions.DefinitionError;
import io.steadfast.definitions.DefinitionLoader;
import io.steadfast.definitions.Definitions;
import io.steadfast.definitions.LoadResult;
import io.steadfast.http.ApiException;
import io.steadfast.http.FieldError;
import io.steadfast.http.Principal;
import io.steadfast.http.Role;
import io.steadfast.model.ServiceDefinition;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code /services}: list, read, register ({@code POST}) and update ({@code PUT}) services from a
 * Service YAML or JSON document. Process control and exec ({@code instances[].pidFile},
 * {@code stopCommand}, {@code startCommand}) are refused: only an admin's files loaded through the
 * CLI may carry them (DESIGN §8).
 */
final class ServicesApi {

    private static final List<String> PROCESS_CONTROL = List.of("pidFile", "stopCommand", "startCommand");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final Engine engine;
    private final ServiceAccess access;
    private final DefinitionLoader loader = new DefinitionLoader();

    ServicesApi(Engine engine, ServiceAccess access) {
        this.engine = engine;
        this.access = access;
    }

    void register(List<Route> routes) {
        routes.add(new Route(HandlerType.GET, "/api/v1/services", Route.ANY,
                (ctx, caller) -> Web.json(ctx, 200, access.all(caller))));
        routes.add(new Route(HandlerType.GET, "/api/v1/services/{id}", Route.ANY,
                (ctx, caller) -> Web.json(ctx, 200, access.require(caller, ctx.pathParam("id")))));
        routes.add(new Route(HandlerType.POST, "/api/v1/services", Set.of(Role.ADMIN, Role.OWNER), this::create));
        routes.add(new Route(HandlerType.PUT, "/api/v1/services/{id}", Set.of(Role.ADMIN, Role.OWNER), this::update));
    }

    private void create(Context ctx, Principal caller) {
        ServiceDefinition service = parse(ctx.body(), null);
        ServiceAccess.requireWrite(caller, service.team());
        if (engine.service(service.id()).isPresent()) {
            throw ApiException.conflict("id", "service '" + service.id()
                    + "' must not be registered yet, but was (update it with PUT /api/v1/services/" + service.id() + ")");
        }
        engine.registerService(service, ctx.body());
        ctx.header("Location", "/api/v1/services/" + service.id());
        Web.json(ctx, 201, service);
    }

    private void update(Context ctx, Principal caller) {
        String id = ctx.pathParam("id");
        ServiceDefinition existing = access.require(caller, id);
        ServiceAccess.requireWrite(caller, existing.team());
        ServiceDefinition service = parse(ctx.body(), id);
        ServiceAccess.requireWrite(caller, service.team());
        engine.registerService(service, ctx.body());
        Web.json(ctx, 200, service);
    }

    /** Parses one Service document, reporting every problem at once. */
    private ServiceDefinition parse(String body, String pathId) {
        if (body.isBlank()) {
            throw ApiException.badRequest("body", "must be a Service document (YAML or JSON), but was empty");
        }
        List<FieldError> errors = new ArrayList<>(processControl(body));
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
            if (service.standard() != null && !engine.definitions().standards().containsKey(service.standard())) {
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

    /** {@code instances[i].pidFile} and the like, found in the raw document (even when it has other errors). */
    private static List<FieldError> processControl(String body) {
        JsonNode root;
        try {
            root = YAML.readTree(body);
        } catch (IOException e) {
            return List.of(); // the loader reports the syntax error
        }
        List<FieldError> errors = new ArrayList<>();
        JsonNode instances = root == null ? null : root.get("instances");
        if (instances != null && instances.isArray()) {
            for (int i = 0; i < instances.size(); i++) {
                for (String field : PROCESS_CONTROL) {
                    if (instances.get(i).has(field)) {
                        errors.add(new FieldError("instances[" + i + "]." + field, "process control and exec must"
                                + " come from a file an admin registers with 'steadfast services register', never"
                                + " over the API, but was given"));
                    }
                }
            }
        }
        return errors;
    }
}
