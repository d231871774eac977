package io.steadfast.http.internal;

import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import io.steadfast.app.GateService;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Engine;
import io.steadfast.app.Settings;
import io.steadfast.app.runs.RunService;
import io.steadfast.results.ResultReader;
import io.steadfast.spi.ResultSink;
import jakarta.inject.Provider;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Every authenticated route of {@code /api/v1}, assembled from the feature classes. */
public final class ApiRoutes implements AutoCloseable {

    /** The OpenAPI document, a class-path resource kept beside the routes it describes. */
    public static final String OPENAPI_RESOURCE = "/io/steadfast/http/openapi.json";

    private final List<Route> routes = new ArrayList<>();
    private final RunsApi runs;

    public ApiRoutes(Engine engine, DefinitionService definitions, GateService gates, ResultSink sink, ResultReader reader, Provider<RunService> runService, Settings settings,
                     MeterRegistry registry) {
        ServiceAccess access = new ServiceAccess(engine);
        routes.add(new Route(HandlerType.GET, "/api/v1/whoami", Route.ANY, (ctx, caller) -> {
            Map<String, Object> body = new java.util.LinkedHashMap<>();
            body.put("token", caller.tokenId());
            body.put("role", caller.role().id());
            body.put("team", caller.team());
            Web.json(ctx, 200, body);
        }));
        byte[] openapi = openapi();
        routes.add(new Route(HandlerType.GET, "/api/v1/openapi.json", Route.ANY,
                (ctx, caller) -> Web.write(ctx, "application/json", openapi)));
        new ServicesApi(engine, definitions, access, settings.policy()).register(routes);
        new DefinitionsApi(definitions).register(routes);
        new ResultsApi(engine, access, sink, reader).register(routes);
        runs = new RunsApi(engine, access, runService, settings);
        runs.register(routes);
        new ScoresApi(engine, definitions, access, registry).register(routes);
        new GatesApi(engine, gates, access, registry).register(routes);
        new WaiversApi(engine, access).register(routes);
        new FoldApi(engine, registry).register(routes);
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }

    /** Halts the API's runs and waits for them to end. */
    @Override
    public void close() {
        runs.close();
    }

    private static byte[] openapi() {
        try (InputStream in = ApiRoutes.class.getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("class-path resource " + OPENAPI_RESOURCE + " must exist, but was missing");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + OPENAPI_RESOURCE, e);
        }
    }
}
