package io.steadfast.proxy.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.steadfast.proxy.FaultSpec;
import io.steadfast.proxy.FaultStatus;
import io.steadfast.proxy.FaultType;
import io.steadfast.proxy.HostPort;
import io.steadfast.proxy.RouteSpec;
import io.steadfast.proxy.RouteStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The proxy's control API: JSON over HTTP on a loopback address, for callers that present the
 * proxy's secret ({@code Authorization: Bearer <secret>}); see {@link ControlGuard} for what else a
 * request must be to be served.
 *
 * <pre>
 * GET    /health                          {"status":"ok","routes":N}
 * GET    /routes                          [route...]
 * POST   /routes                          {"listen":"127.0.0.1:19001","upstreams":["127.0.0.1:9001"]} → 201 route
 * GET    /routes/{listen}                 route
 * DELETE /routes/{listen}                 204
 * PUT    /routes/{listen}/fault           {"type","latencyMs","jitterMs","bandwidthKbps","leaseMs"} → 200 fault
 * POST   /routes/{listen}/fault/renew     {"leaseMs", "id"?} → 200 fault; 404 when that fault is no longer in effect
 * DELETE /routes/{listen}/fault[?id=ID]   204, also when there was no such fault
 * </pre>
 *
 * A request without the secret is a 401, one whose {@code Host} or {@code Origin} is not loopback a
 * 403, and a body that is not declared {@code application/json} a 415; each changes nothing.
 * A bad body is a 400 {@code {"errors":[{"field","message"}]}} listing every problem; an unknown
 * route is a 404 and a taken listen address a 409, each {@code {"errors":[...]}} with one problem.
 */
public final class ControlApi implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final RouteTable routes;
    private final ControlGuard guard;
    private final ObjectMapper json = new ObjectMapper();
    private final Bodies bodies = new Bodies(json);

    private ControlApi(HttpServer server, ExecutorService executor, RouteTable routes, ControlGuard guard) {
        this.server = server;
        this.executor = executor;
        this.routes = routes;
        this.guard = guard;
    }

    /**
     * Serves the API on {@code address}, which must be a loopback address, to callers presenting {@code secret}.
     *
     * @throws IllegalArgumentException when {@code address} is not a loopback address
     */
    public static ControlApi start(HostPort address, String secret, RouteTable routes) throws IOException {
        InetAddress host = InetAddress.getByName(address.host());
        if (!host.isLoopbackAddress()) {
            throw new IllegalArgumentException("control address must be a loopback address, but was '" + address + "'");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, address.port()), 64);
        } catch (IOException e) {
            throw new IOException("cannot serve the control API on '" + address + "': " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "proxy-control");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        ControlApi api = new ControlApi(server, executor, routes, new ControlGuard(secret));
        server.createContext("/health", api::health);
        server.createContext("/routes", api::routes);
        server.start();
        return api;
    }

    public HostPort address() {
        InetSocketAddress bound = server.getAddress();
        return new HostPort(bound.getAddress().getHostAddress(), bound.getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void health(HttpExchange exchange) throws IOException {
        handle(exchange, () -> {
            if (!exchange.getRequestMethod().equals("GET") || !exchange.getRequestURI().getPath().equals("/health")) {
                return notFound(exchange);
            }
            return new Reply(200, Map.of("status", "ok", "routes", routes.list().size()));
        });
    }

    private void routes(HttpExchange exchange) throws IOException {
        handle(exchange, () -> {
            String method = exchange.getRequestMethod();
            String[] parts = exchange.getRequestURI().getRawPath().substring("/routes".length()).split("/", -1);
            // parts: [""] for /routes, ["", listen] for /routes/{listen}, ["", listen, "fault"(, "renew")] below it
            if (parts.length == 1 && parts[0].isEmpty()) {
                return switch (method) {
                    case "GET" -> new Reply(200, routes.list().stream().map(ControlApi::view).toList());
                    case "POST" -> {
                        RouteSpec spec = bodies.route(body(exchange));
                        yield new Reply(201, view(add(spec)));
                    }
                    default -> notAllowed(method);
                };
            }
            if (parts.length < 2 || !parts[0].isEmpty() || parts[1].isEmpty()) {
                return notFound(exchange);
            }
            String listen = URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
            String rest = String.join("/", List.of(parts).subList(2, parts.length));
            return switch (rest) {
                case "" -> switch (method) {
                    case "GET" -> routes.get(listen).map(r -> new Reply(200, view(r)))
                            .orElseThrow(() -> noRoute(listen));
                    case "DELETE" -> {
                        if (!routes.remove(listen)) {
                            throw noRoute(listen);
                        }
                        yield new Reply(204, null);
                    }
                    default -> notAllowed(method);
                };
                case "fault" -> switch (method) {
                    case "PUT" -> {
                        FaultSpec spec = bodies.fault(body(exchange));
                        yield new Reply(200, view(routes.applyFault(listen, spec)));
                    }
                    case "DELETE" -> {
                        routes.clearFault(listen, query(exchange, "id"));
                        yield new Reply(204, null);
                    }
                    default -> notAllowed(method);
                };
                case "fault/renew" -> {
                    if (!method.equals("POST")) {
                        yield notAllowed(method);
                    }
                    Bodies.Renewal renewal = bodies.renewal(body(exchange));
                    Optional<FaultStatus> renewed = routes.renew(listen, renewal.id(), renewal.leaseMs());
                    yield renewed.map(f -> new Reply(200, view(f))).orElseGet(() -> error(404, "",
                            "route '" + listen + "' has no fault" + (renewal.id() == null ? "" : " '" + renewal.id() + "'")
                                    + " in effect: its lease ran out or it was removed or replaced"));
                }
                default -> notFound(exchange);
            };
        });
    }

    private RouteStatus add(RouteSpec spec) {
        try {
            return routes.add(spec);
        } catch (IllegalArgumentException e) {
            throw new BadRequest(List.of(new BadRequest.Problem("listen", e.getMessage())));
        }
    }

    private record Reply(int status, Object body) {
    }

    private interface Handler {
        Reply handle() throws IOException;
    }

    private void handle(HttpExchange exchange, Handler handler) throws IOException {
        Reply reply;
        try {
            Optional<ControlGuard.Refusal> refusal = guard.check(exchange.getRequestMethod(), exchange.getRequestHeaders());
            reply = refusal.isPresent() ? error(refusal.get().status(), "", refusal.get().message()) : handler.handle();
        } catch (BadRequest e) {
            reply = new Reply(400, Map.of("errors", e.problems()));
        } catch (NoSuchElementException e) {
            reply = error(404, "", e.getMessage());
        } catch (IllegalStateException e) {
            reply = error(409, "", e.getMessage());
        } catch (RuntimeException e) {
            reply = error(500, "", String.valueOf(e.getMessage()));
        }
        try (exchange) {
            if (reply.body() == null) {
                exchange.sendResponseHeaders(reply.status(), -1);
                return;
            }
            byte[] bytes = json.writeValueAsBytes(reply.body());
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (reply.status() == 401) {
                exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"steadfast-proxy\"");
            }
            exchange.sendResponseHeaders(reply.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static byte[] body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return in.readNBytes(1 << 20);
        }
    }

    private static String query(HttpExchange exchange, String name) {
        String query = exchange.getRequestURI().getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static NoSuchElementException noRoute(String listen) {
        return new NoSuchElementException("route '" + listen + "' does not exist");
    }

    private static Reply notFound(HttpExchange exchange) {
        return error(404, "", "no such resource: " + exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
    }

    private static Reply notAllowed(String method) {
        return error(405, "", "method " + method + " is not allowed here");
    }

    private static Reply error(int status, String field, String message) {
        return new Reply(status, Map.of("errors", List.of(new BadRequest.Problem(field, message))));
    }

    private static Map<String, Object> view(RouteStatus route) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("listen", route.listen().toString());
        view.put("upstreams", route.upstreams().stream().map(HostPort::toString).toList());
        view.put("connections", route.connections());
        view.put("fault", route.fault() == null ? null : view(route.fault()));
        return view;
    }

    private static Map<String, Object> view(FaultStatus fault) {
        Map<String, Object> view = new LinkedHashMap<>();
        FaultSpec spec = fault.spec();
        view.put("id", fault.id());
        view.put("type", spec.type().wireName());
        if (spec.type() == FaultType.LATENCY) {
            view.put("latencyMs", spec.latencyMs());
            view.put("jitterMs", spec.jitterMs());
        }
        if (spec.type() == FaultType.BANDWIDTH) {
            view.put("bandwidthKbps", spec.bandwidthKbps());
        }
        view.put("leaseMs", spec.leaseMs());
        view.put("expiresInMs", fault.expiresInMs());
        return view;
    }
}
