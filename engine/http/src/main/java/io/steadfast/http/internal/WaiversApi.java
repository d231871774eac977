package io.steadfast.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.steadfast.app.Engine;
import io.steadfast.http.ApiException;
import io.steadfast.http.FieldError;
import io.steadfast.http.Principal;
import io.steadfast.http.Role;
import io.steadfast.model.Waiver;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** {@code /waivers}: list (a caller's visible services), add and revoke (admin: a waiver is an approved exception). */
final class WaiversApi {

    private final Engine engine;
    private final ServiceAccess access;

    WaiversApi(Engine engine, ServiceAccess access) {
        this.engine = engine;
        this.access = access;
    }

    void register(List<Route> routes) {
        routes.add(new Route(HandlerType.GET, "/api/v1/waivers", Route.ANY, this::list));
        routes.add(new Route(HandlerType.POST, "/api/v1/waivers", Set.of(Role.ADMIN), this::add));
        routes.add(new Route(HandlerType.DELETE, "/api/v1/waivers/{id}", Set.of(Role.ADMIN), this::revoke));
    }

    private void list(Context ctx, Principal caller) {
        String service = Web.param(ctx, "service");
        if (service != null) {
            access.require(caller, service);
        }
        List<String> visible = access.all(caller).stream().map(s -> s.id()).toList();
        Web.json(ctx, 200, engine.store().waivers(service).stream().filter(w -> visible.contains(w.service())).toList());
    }

    private void add(Context ctx, Principal caller) {
        JsonNode body = Web.body(ctx);
        if (!body.isObject()) {
            throw ApiException.badRequest("body", "must be a waiver object, but was " + body.getNodeType());
        }
        List<FieldError> errors = new ArrayList<>();
        String service = required(body, "service", errors);
        String test = required(body, "test", errors);
        String target = Web.text(body, "target", errors);
        String reason = required(body, "reason", errors);
        String approvedBy = required(body, "approvedBy", errors);
        String expires = required(body, "expiresAt", errors);
        Web.maxLength("test", test, Web.NAME_COLUMN, errors);
        Web.maxLength("target", target, Web.NAME_COLUMN, errors);
        Web.maxLength("reason", reason, Web.TEXT_COLUMN, errors);
        Web.maxLength("approvedBy", approvedBy, Web.NAME_COLUMN, errors);
        Instant expiresAt = null;
        if (expires != null) {
            try {
                expiresAt = Instant.parse(expires);
                if (!expiresAt.isAfter(engine.now())) {
                    errors.add(new FieldError("expiresAt", "must be in the future, but was " + expires));
                }
            } catch (DateTimeParseException e) {
                errors.add(new FieldError("expiresAt", "must be an ISO-8601 instant, but was '" + expires + "'"));
            }
        }
        if (service != null && access.visible(caller, service).isEmpty()) {
            errors.add(new FieldError("service", "must be a registered service, but was '" + service + "'"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        Waiver added = engine.addWaiver(new Waiver(null, service, test, target, reason, approvedBy, expiresAt));
        ctx.header("Location", "/api/v1/waivers/" + added.id());
        Web.json(ctx, 201, added);
    }

    private void revoke(Context ctx, Principal caller) {
        String id = ctx.pathParam("id");
        if (engine.store().waivers(null).stream().noneMatch(w -> w.id().equals(id))) {
            throw ApiException.notFound("id", "waiver '" + id + "' must be an active waiver, but was not found");
        }
        engine.revokeWaiver(id, caller.actor());
        ctx.status(204);
    }

    private static String required(JsonNode body, String field, List<FieldError> errors) {
        int before = errors.size();
        String value = Web.text(body, field, errors);
        if (errors.size() == before && (value == null || value.isBlank())) {
            errors.add(new FieldError(field, "must be given, but was missing"));
        }
        return value;
    }
}
