package io.steadfast.http;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.steadfast.app.DefinitionsException;
import io.steadfast.app.UsageException;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.http.internal.ApiRoutes;
import io.steadfast.http.internal.JsonErrorHandler;
import io.steadfast.http.internal.Pem;
import io.steadfast.http.internal.Route;
import io.steadfast.http.internal.SecurityHeaders;
import io.steadfast.http.internal.Web;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.store.StoreUnavailableException;
import java.security.KeyStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code steadfast serve}'s HTTP face (Javalin): the REST API under {@code /api/v1} behind bearer
 * tokens, the dashboard's static files at {@code /}, and the open operational endpoints
 * {@code /health}, {@code /ready} and {@code /metrics} (Prometheus), which reveal no service data.
 *
 * <p>Every error is answered as {@code {"errors":[{"field","message"}]}}, never with a stack trace:
 * 400 (every validation error at once), 401 (no or a bad token), 403 (a role or team not allowed),
 * 404 (also for another team's service), 409, 503 (store or broker unavailable), 500; Jetty's own refusals
 * (a bad path, a request line or headers too long) too.
 *
 * <p>Every answer carries a Content-Security-Policy (no framing), {@code X-Frame-Options: DENY} and
 * {@code X-Content-Type-Options: nosniff}; API answers {@code Cache-Control: no-store}. With
 * {@link HttpSettings#tls} it serves HTTPS only, with the certificate and key of the PEM files.
 *
 * <p><b>Lifecycle:</b> {@link #start} returns once the server listens; {@link #stop} halts the API's
 * runs, then stops the server, letting requests in flight finish (up to {@link #STOP_TIMEOUT_MS}).
 * Thread-safe: requests run on Jetty's pool.
 */
public final class HttpServer implements Lifecycle {

    /** How long {@link #stop} lets requests in flight finish. */
    public static final long STOP_TIMEOUT_MS = 10_000;

    /** Where the dashboard's files are on the class path. */
    public static final String DASHBOARD = "/io/steadfast/http/dashboard";

    private static final Logger LOG = LoggerFactory.getLogger(HttpServer.class);
    private static final String ROUTE = "steadfast.route";

    private final HttpSettings settings;
    private final Tokens tokens;
    private final ApiRoutes api;
    private final PrometheusMeterRegistry registry;
    private final Readiness readiness;
    private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();
    private Javalin app;

    public HttpServer(HttpSettings settings, Tokens tokens, ApiRoutes api, PrometheusMeterRegistry registry,
                      Readiness readiness) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.tokens = tokens;
        this.api = api;
        this.registry = registry;
        this.readiness = readiness;
    }

    @Override
    public String name() {
        return (settings.tls() == null ? "HTTP" : "HTTPS") + " server on " + settings.bind() + ":" + settings.port();
    }

    @Override
    public synchronized void start() {
        if (app != null) {
            return;
        }
        app = Javalin.create(cfg -> {
            cfg.startup.showJavalinBanner = false;
            cfg.startup.showOldJavalinVersionWarning = false;
            cfg.jetty.host = settings.bind();
            cfg.jetty.port = settings.port();
            if (settings.tls() != null) {
                KeyStore keyStore = settings.tls().keyStore();
                cfg.jetty.addConnector((server, http) -> tlsConnector(server, http, keyStore));
            }
            cfg.jetty.modifyServer(server -> {
                server.setStopTimeout(STOP_TIMEOUT_MS);
                server.setErrorHandler(new JsonErrorHandler(new HttpConfiguration().getRequestHeaderSize()));
            });
            cfg.http.maxRequestSize = 16L * 1024 * 1024;
            cfg.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = DASHBOARD;
                files.location = Location.CLASSPATH;
            });
            cfg.requestLogger.http(this::record);
            cfg.routes.get("/health", ctx -> Web.json(ctx, 200, Map.of("status", "UP")));
            cfg.routes.get("/ready", this::ready);
            cfg.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                    .result(registry.scrape()));
            cfg.routes.before(ctx -> SecurityHeaders.ALL.forEach(ctx::header));
            cfg.routes.before("/api/*", ctx -> {
                ctx.header("Cache-Control", SecurityHeaders.NO_STORE);
                authenticate(ctx);
            });
            for (Route route : api.routes()) {
                cfg.routes.addHttpHandler(route.method(), route.path(), ctx -> {
                    ctx.attribute(ROUTE, route.path());
                    Principal caller = Web.caller(ctx);
                    if (!route.roles().contains(caller.role())) {
                        throw ApiException.forbidden(route.method() + " " + route.path() + " needs a token of role "
                                + route.roles().stream().map(Role::id).sorted().collect(Collectors.joining(" or "))
                                + ", but the token's role is '" + caller.role().id() + "'");
                    }
                    route.handler().handle(ctx, caller);
                });
            }
            cfg.routes.exception(ApiException.class, (e, ctx) -> Web.errors(ctx, e.status(), e.errors()));
            cfg.routes.exception(DefinitionsException.class, (e, ctx) -> Web.errors(ctx, 400, e.errors().stream()
                    .map(d -> new FieldError(d.path(), d.file() + ":" + d.line() + ":" + d.column() + ": " + d.message()))
                    .toList()));
            cfg.routes.exception(UsageException.class, (e, ctx) -> Web.errors(ctx, 400,
                    e.problems().stream().map(p -> new FieldError("", p)).toList()));
            cfg.routes.exception(StoreUnavailableException.class, (e, ctx) -> unavailable(ctx, "store", e));
            cfg.routes.exception(RetriableException.class, (e, ctx) -> unavailable(ctx, "broker", e));
            cfg.routes.exception(HttpResponseException.class, (e, ctx) -> Web.errors(ctx, e.getStatus(),
                    List.of(new FieldError("", e.getStatus() == 404 ? "no such resource: " + ctx.method() + " "
                            + ctx.path() : e.getMessage()))));
            // the client is gone: there is no one to answer, and nothing wrong with the server
            cfg.routes.exception(Web.AnswerNotWritten.class, (e, ctx) -> LOG.debug("{} {}: {}", ctx.method(),
                    ctx.path(), e.getMessage()));
            cfg.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                Web.errors(ctx, 500, List.of(new FieldError("", "internal error; the server's log has the details")));
            });
        }).start();
    }

    /** The port it listens on (the one picked, when configured with 0). */
    public synchronized int port() {
        if (app == null) {
            throw new IllegalStateException("server must be started before its port is known, but was not");
        }
        return app.port();
    }

    /** The routes of the API, as registered. */
    public List<Route> routes() {
        return api.routes();
    }

    /** The (method, path) pairs the running server actually routes, operational ones included. */
    public synchronized List<String> registeredEndpoints() {
        return app.unsafe.internalRouter.allHttpHandlers().stream()
                .map(e -> e.endpoint.method.name() + " " + e.endpoint.path).toList();
    }

    @Override
    public synchronized void stop() {
        if (app == null) {
            return;
        }
        try {
            api.close();
        } finally {
            app.stop();
            app = null;
        }
    }

    /** HTTPS only, on the configured address and port. */
    private ServerConnector tlsConnector(Server server, HttpConfiguration http, KeyStore keyStore) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keyStore);
        tls.setKeyStorePassword(Pem.PASSWORD);
        tls.setCertAlias(Pem.ALIAS);
        HttpConfiguration https = new HttpConfiguration(http);
        // the certificate is the operator's; a client reaching it by IP address sends no name to check
        https.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, new SslConnectionFactory(tls, HttpVersion.HTTP_1_1.asString()),
                new HttpConnectionFactory(https));
        connector.setHost(settings.bind());
        connector.setPort(settings.port());
        return connector;
    }

    private void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw ApiException.unauthorized();
        }
        Principal principal = tokens.authenticate(header.substring(7).strip()).orElseThrow(() -> {
            ctx.header("WWW-Authenticate", "Bearer error=\"invalid_token\"");
            return ApiException.unauthorized();
        });
        ctx.attribute(Web.PRINCIPAL, principal);
    }

    private void ready(Context ctx) {
        Map<String, Readiness.Check> checks = readiness.check();
        Map<String, String> body = new LinkedHashMap<>();
        checks.forEach((name, check) -> {
            body.put(name, check.state().name());
            if (check.reason() != null) {
                body.put(name + "Reason", check.reason());
            }
        });
        Web.json(ctx, checks.values().stream().anyMatch(c -> c.state() == Readiness.State.DOWN) ? 503 : 200, body);
    }

    private static void unavailable(Context ctx, String what, Exception e) {
        LOG.warn("{} {}: {} unavailable: {}", ctx.method(), ctx.path(), what, e.getMessage());
        ctx.header("Retry-After", "5");
        Web.errors(ctx, 503, List.of(new FieldError("", what + " must be reachable, but is unavailable for now;"
                + " try again")));
    }

    private void record(Context ctx, Float millis) {
        String route = ctx.attribute(ROUTE);
        if (route == null) {
            String path = ctx.path();
            route = path.startsWith("/api/") ? "unmatched" : path.equals("/health") || path.equals("/ready")
                    || path.equals("/metrics") ? path : "static";
        }
        String method = ctx.method().name();
        int status = ctx.statusCode();
        timers.computeIfAbsent(new TimerKey(method, route, status), key -> Timer.builder("http.server.requests")
                .tag("method", method).tag("uri", key.route()).tag("status", Integer.toString(status))
                .publishPercentileHistogram().register(registry))
                .record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** A request timer's tags; the timers are kept so that a request does not build and look up its meter id. */
    private record TimerKey(String method, String route, int status) {
    }
}
