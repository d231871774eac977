package io.steadfast.http.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.HandlerType;
import io.steadfast.app.DefinitionService;
import io.steadfast.definitions.ContentHash;
import io.steadfast.definitions.Definitions;
import io.steadfast.http.ApiException;
import io.steadfast.http.Role;
import io.steadfast.json.Json;
import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** {@code /suites}, {@code /standards} (each with its content hash) and {@code POST /definitions/reload}. */
final class DefinitionsApi {

    private final DefinitionService definitions;

    DefinitionsApi(DefinitionService definitions) {
        this.definitions = definitions;
    }

    void register(List<Route> routes) {
        routes.add(new Route(HandlerType.GET, "/api/v1/suites", Route.ANY, (ctx, caller) -> Web.json(ctx, 200,
                new TreeMap<>(definitions.current().suites()).values().stream().map(DefinitionsApi::suite).toList())));
        routes.add(new Route(HandlerType.GET, "/api/v1/suites/{id}", Route.ANY, (ctx, caller) -> {
            TestSuite suite = definitions.current().suites().get(ctx.pathParam("id"));
            if (suite == null) {
                throw ApiException.notFound("id", "suite '" + ctx.pathParam("id") + "' must be a known suite, but was not found");
            }
            Web.json(ctx, 200, suite(suite));
        }));
        routes.add(new Route(HandlerType.GET, "/api/v1/standards", Route.ANY, (ctx, caller) -> Web.json(ctx, 200,
                new TreeMap<>(definitions.current().standards()).values().stream().map(DefinitionsApi::standard).toList())));
        routes.add(new Route(HandlerType.GET, "/api/v1/standards/{id}", Route.ANY, (ctx, caller) -> {
            Standard standard = definitions.current().standards().get(ctx.pathParam("id"));
            if (standard == null) {
                throw ApiException.notFound("id", "standard '" + ctx.pathParam("id")
                        + "' must be a known standard, but was not found");
            }
            Web.json(ctx, 200, standard(standard));
        }));
        routes.add(new Route(HandlerType.POST, "/api/v1/definitions/reload", Set.of(Role.ADMIN), (ctx, caller) -> {
            Definitions loaded = definitions.reload();
            Web.json(ctx, 200, Map.of("suites", new TreeMap<>(loaded.suites()).keySet(),
                    "standards", new TreeMap<>(loaded.standards()).keySet()));
        }));
    }

    private static ObjectNode suite(TestSuite suite) {
        ObjectNode node = Json.mapper().valueToTree(suite);
        node.put("hash", ContentHash.of(suite));
        return node;
    }

    private static ObjectNode standard(Standard standard) {
        ObjectNode node = Json.mapper().valueToTree(standard);
        node.put("hash", ContentHash.of(standard));
        return node;
    }
}
