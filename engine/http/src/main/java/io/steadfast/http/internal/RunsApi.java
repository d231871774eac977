package io.steadfast.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.steadfast.app.Engine;
import io.steadfast.app.Settings;
import io.steadfast.app.UsageException;
import io.steadfast.app.runs.RunService;
import io.steadfast.http.ApiException;
import io.steadfast.http.FieldError;
import io.steadfast.http.Principal;
import io.steadfast.http.Role;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.runner.PlannedTest;
import io.steadfast.runner.RunListener;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.StoreException;
import jakarta.inject.Provider;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /runs}: starts a service's tests in the background with the runner the CLI uses (one run
 * per service), shows a run's status and results so far, halts it. A halt (here or
 * {@code steadfast halt}) reverts the active fault within one health-check interval.
 */
public final class RunsApi implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunsApi.class);
    private static final int KEPT = 1000;

    /** One run, as the API shows it. Mutated by its run thread; read by requests. */
    static final class Run {
        final String id;
        final String service;
        final String team;
        final ServiceDefinition definition;
        final int planned;
        final Instant startedAt;
        final AtomicBoolean halt = new AtomicBoolean();
        final List<ResultEvent> results = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile String status = "RUNNING";
        volatile String error;
        volatile Instant finishedAt;

        Run(String id, ServiceDefinition definition, int planned, Instant startedAt) {
            this.id = id;
            this.service = definition.id();
            this.team = definition.team();
            this.definition = definition;
            this.planned = planned;
            this.startedAt = startedAt;
        }

        /** The run as the caller sees it (process control of its service redacted for all but admins). */
        Map<String, Object> view(Principal caller, ServiceDefinition definition) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("runId", id);
            view.put("service", service);
            view.put("status", status);
            view.put("planned", planned);
            view.put("startedAt", startedAt);
            view.put("finishedAt", finishedAt);
            view.put("error", Redacted.text(caller, definition, error));
            view.put("results", results.stream().map(r -> Redacted.result(caller, definition, r)).toList());
            return view;
        }
    }

    private final Engine engine;
    private final ServiceAccess access;
    private final Provider<RunService> runService;
    private final Settings settings;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    /** Runs in progress by run id; the store's run lease keeps each service to one. */
    private final Map<String, Run> active = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "steadfast-api-run");
        thread.setDaemon(true);
        return thread;
    });

    RunsApi(Engine engine, ServiceAccess access, Provider<RunService> runService, Settings settings) {
        this.engine = engine;
        this.access = access;
        this.runService = runService;
        this.settings = settings;
    }

    void register(List<Route> routes) {
        routes.add(new Route(HandlerType.POST, "/api/v1/runs", Set.of(Role.ADMIN, Role.OWNER), this::start));
        routes.add(new Route(HandlerType.GET, "/api/v1/runs/{id}", Route.ANY,
                (ctx, caller) -> {
                    Run run = visible(caller, ctx.pathParam("id"));
                    Web.json(ctx, 200, run.view(caller, run.definition));
                }));
        routes.add(new Route(HandlerType.POST, "/api/v1/runs/{id}/halt", Set.of(Role.ADMIN, Role.OWNER), (ctx, caller) -> {
            Run run = visible(caller, ctx.pathParam("id"));
            ServiceAccess.requireWrite(caller, run.team);
            run.halt.set(true);
            Web.json(ctx, 202, Map.of("runId", run.id, "status", run.status.equals("RUNNING") ? "HALTING" : run.status));
        }));
    }

    private Run visible(Principal caller, String id) {
        Run run = runs.get(id);
        if (run == null || !caller.sees(run.team)) {
            throw ApiException.notFound("id", "run '" + id + "' must exist, but was not found");
        }
        return run;
    }

    private void start(Context ctx, Principal caller) {
        JsonNode body = Web.body(ctx);
        if (!body.isObject()) {
            throw ApiException.badRequest("body", "must be a run request object, but was " + body.getNodeType());
        }
        List<FieldError> errors = new ArrayList<>();
        String serviceId = Web.text(body, "service", errors);
        String suite = Web.text(body, "suite", errors);
        String test = Web.text(body, "test", errors);
        String version = Web.text(body, "version", errors);
        if (serviceId == null && errors.stream().noneMatch(e -> e.field().equals("service"))) {
            errors.add(new FieldError("service", "must be given, but was missing"));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        ServiceDefinition service = access.require(caller, serviceId);
        ServiceAccess.requireWrite(caller, service.team());
        ServiceOrigin origin = engine.serviceOrigin(service.id());
        if (origin == ServiceOrigin.API) {
            // a service stored before the allowlist, or before the admin narrowed it, is held to it all the same
            List<FieldError> refused = new ArrayList<>();
            settings.policy().refusedApiProxyAddresses(service).forEach((path, address) -> refused.add(
                    new FieldError("service", "service '" + service.id() + "' was registered over the API, so "
                            + path + " " + settings.policy().apiProxyAddressRule() + ", but was '" + address + "'")));
            if (!refused.isEmpty()) {
                throw ApiException.badRequest(refused);
            }
        }
        RunService runs = runService.get();
        List<PlannedTest> plan;
        try {
            plan = runs.plan(service, suite == null ? List.of() : List.of(suite), test, null);
        } catch (UsageException e) {
            throw ApiException.badRequest("suite", e.getMessage());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("test", e.getMessage());
        }
        RunService.Run started;
        try {
            started = runs.start(service, plan, version, null);
        } catch (RetriableException | StoreException e) {
            throw e; // the store is down or failing: not a conflict
        } catch (SteadfastException e) {
            throw ApiException.conflict("service", e.getMessage());
        }
        Run run = new Run(started.id(), service, plan.size(), started.startedAt());
        active.put(run.id, run);
        keep(run);
        executor.submit(() -> {
            String status = "FAILED";
            try {
                try (started) {
                    status = execute(run, started);
                }
            } finally {
                // only once the lease is released: a run shown as ended leaves its service free to run again
                run.finishedAt = engine.now();
                run.status = status;
                active.remove(run.id);
            }
        });
        Web.json(ctx, 202, Map.of("runId", run.id));
    }

    /** Runs the plan; the run's status once it has ended. */
    private String execute(Run run, RunService.Run started) {
        try {
            started.execute(result -> {
                engine.publish(List.of(result));
                run.results.add(result);
            }, RunListener.SILENT, run.halt::get);
            return run.results.size() < run.planned || run.halt.get() ? "HALTED" : "FINISHED";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "HALTED";
        } catch (RuntimeException e) {
            LOG.warn("run {} of service '{}' failed", run.id, run.service, e);
            run.error = e.getMessage();
            return "FAILED";
        }
    }

    private void keep(Run run) {
        runs.put(run.id, run);
        if (runs.size() > KEPT) {
            runs.values().stream().filter(r -> r.finishedAt != null).min(java.util.Comparator.comparing(r -> r.startedAt))
                    .ifPresent(oldest -> runs.remove(oldest.id));
        }
    }

    /** Halts every run, waits for them to revert their faults and end. */
    @Override
    public void close() {
        active.values().forEach(r -> r.halt.set(true));
        executor.shutdown();
        try {
            if (!executor.awaitTermination(60, TimeUnit.SECONDS)) {
                LOG.warn("API runs did not end within 60 s of a halt");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
