package io.steadfast.app.runs;

import io.steadfast.app.DefinitionService;
import io.steadfast.app.Engine;
import io.steadfast.app.Settings;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.runner.HaltSignal;
import io.steadfast.runner.PlannedTest;
import io.steadfast.runner.RunListener;
import io.steadfast.runner.RunPlanner;
import io.steadfast.runner.Runner;
import io.steadfast.spi.result.ResultEvent;
import jakarta.inject.Inject;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Runs a service's tests, the one way {@code steadfast run}, {@code steadfast demo} and
 * {@code POST /api/v1/runs} all do: replays the fault journal first, takes the service's run lease
 * (one run per service, across every engine of the store), and runs the plan until it ends, the
 * operator halts it ({@code steadfast halt}), the lease is lost or the caller halts it. Every
 * applied fault is reverted on every path, a stopping JVM included.
 */
@Singleton
public final class RunService {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private final Engine engine;
    private final DefinitionService definitions;
    private final Provider<Runner> runner;
    private final Settings settings;
    private final Clock clock;

    @Inject
    public RunService(Engine engine, DefinitionService definitions, Provider<Runner> runner, Settings settings,
                      Clock clock) {
        this.engine = engine;
        this.definitions = definitions;
        this.runner = runner;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * The tests to run: the named suites (else those of the service's standard), only {@code test}
     * when given. An unknown suite is a {@link io.steadfast.app.UsageException}, an unknown test an
     * {@link IllegalArgumentException}, each naming the known ones.
     */
    public List<PlannedTest> plan(ServiceDefinition service, List<String> suites, String test, String environment) {
        return RunPlanner.plan(service, definitions.suitesToRun(service, suites, environment), test);
    }

    /** Reverts the faults a dead engine of this machine left applied; one line for each. */
    public List<String> recoverJournal() {
        return runner.get().recoverJournal();
    }

    /** What the plan would do, checking each fault can be applied; nothing is applied. */
    public List<String> dryRun(ServiceDefinition service, List<PlannedTest> plan) {
        return runner.get().dryRun(service, engine.serviceOrigin(service.id()), plan);
    }

    /**
     * Starts a run: takes the service's lease, refused (a {@code SteadfastException} naming the
     * holder) while another run holds it. The run executes with {@link Run#execute}; closing it
     * releases the lease.
     */
    public Run start(ServiceDefinition service, List<PlannedTest> plan, String version, String environment) {
        Instant start = clock.instant();
        String id = "run-" + RUN_ID.format(start) + "-" + UUID.randomUUID().toString().substring(0, 8);
        ServiceRunLease lease = ServiceRunLease.acquire(engine.store().runLeases(), service.id(),
                ServiceRunLease.holder(id), ServiceRunLease.ttlFor(plan), clock);
        return new Run(id, start, service, plan, new Runner.Context(id, version, environment,
                engine.serviceOrigin(service.id())), lease);
    }

    /** A started run; holds its service's lease until closed. */
    public final class Run implements AutoCloseable {

        private final String id;
        private final Instant startedAt;
        private final ServiceDefinition service;
        private final List<PlannedTest> plan;
        private final Runner.Context context;
        private final ServiceRunLease lease;

        private Run(String id, Instant startedAt, ServiceDefinition service, List<PlannedTest> plan,
                    Runner.Context context, ServiceRunLease lease) {
            this.id = id;
            this.startedAt = startedAt;
            this.service = service;
            this.plan = plan;
            this.context = context;
            this.lease = lease;
        }

        public String id() {
            return id;
        }

        public Instant startedAt() {
            return startedAt;
        }

        public List<PlannedTest> plan() {
            return plan;
        }

        /**
         * Runs the plan, giving each result to {@code publish} as it comes; the results, fewer than
         * planned when halted. Halted by {@code steadfast halt}, a lost lease or {@code halt}.
         */
        public List<ResultEvent> execute(Consumer<ResultEvent> publish, RunListener listener, HaltSignal halt)
                throws InterruptedException {
            Runner faults = runner.get();
            HaltSignal operator = HaltSignal.file(settings.haltFile(), startedAt);
            HaltSignal leaseLost = lease.lost();
            Thread revert = new Thread(faults::revertAll, "steadfast-revert-faults");
            Runtime.getRuntime().addShutdownHook(revert);
            try {
                return faults.run(service, plan, context, publish, listener,
                        () -> halt.requested() || operator.requested() || leaseLost.requested());
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(revert);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook reverts
                }
            }
        }

        /** Releases the service's lease. */
        @Override
        public void close() {
            lease.close();
        }
    }
}
