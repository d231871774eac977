package io.steadfast.app.cli;

import io.steadfast.app.Engine;
import io.steadfast.app.UsageException;
import io.steadfast.app.runs.ServiceRunLease;
import io.steadfast.app.wiring.RunnerModule;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.TestSuite;
import io.steadfast.runner.HaltSignal;
import io.steadfast.runner.PlannedTest;
import io.steadfast.runner.RunPlanner;
import io.steadfast.runner.Runner;
import io.steadfast.spi.result.ResultEvent;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "run", description = {
        "Runs a registered service's reliability tests: injects each test's fault while its health checks",
        "watch, reverts it, and stores each result (then the score). By default the suites of the standard",
        "the service is scored against. Faults are reverted on every path; 'steadfast halt' stops a run."})
final class RunCommand implements Callable<Integer> {

    private static final DateTimeFormatter RUN_ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SERVICE", description = "A registered service.")
    String serviceId;

    @Option(names = "--suite", paramLabel = "S", description = "Run this suite (repeatable) instead of the standard's.")
    List<String> suites = new ArrayList<>();

    @Option(names = "--test", paramLabel = "T", description = "Run only this test of the suites.")
    String test;

    @Option(names = "--dry-run", description = "Print the plan, checking each fault can be applied; change nothing.")
    boolean dryRun;

    @Option(names = "--version", paramLabel = "V", description = "The service version under test, carried by each result.")
    String version;

    @Option(names = "--environment", paramLabel = "E", description = "The environment, if not the service's own.")
    String environment;

    @Option(names = "--fault-setting", paramLabel = "KEY=VALUE",
            description = "A fault-connector setting (repeatable), such as proxy.control=127.0.0.1:8474 or"
                    + " stress.memoryCeilingMb=512.")
    Map<String, String> faultSettings = new LinkedHashMap<>();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        root.install(new RunnerModule(faultSettings));
        Engine engine = root.engine();
        ServiceDefinition service = engine.service(serviceId).orElseThrow(() -> new UsageException("service '"
                + serviceId + "' must be registered before it is tested (steadfast services register FILE),"
                + " but was not found"));
        List<PlannedTest> plan = plan(engine, service);
        Runner runner = root.get(com.google.inject.Key.get(Runner.class));
        runner.recoverJournal().forEach(line -> out.println("journal: " + line));
        if (dryRun) {
            out.printf("plan for %s (%d tests; nothing applied):%n", service.id(), plan.size());
            runner.dryRun(service, plan).forEach(line -> out.println("  " + line));
            return ExitCodes.OK;
        }
        return run(out, engine, runner, service, plan);
    }

    private List<PlannedTest> plan(Engine engine, ServiceDefinition service) {
        List<TestSuite> toRun = engine.suitesToRun(service, suites, environment);
        try {
            return RunPlanner.plan(service, toRun, test);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--test " + e.getMessage());
        }
    }

    private int run(PrintWriter out, Engine engine, Runner runner, ServiceDefinition service, List<PlannedTest> plan)
            throws InterruptedException {
        Instant start = engine.now();
        String runId = "run-" + RUN_ID.format(start) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Thread revert = new Thread(runner::revertAll, "steadfast-revert-faults");
        Runtime.getRuntime().addShutdownHook(revert);
        Duration longestFault = plan.stream().map(PlannedTest::stageDuration).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO).plus(Runner.Settings.DEFAULTS.leaseMargin());
        try (ServiceRunLease lease = ServiceRunLease.acquire(engine.store().runLeases(), service.id(),
                ServiceRunLease.holder(runId), ServiceRunLease.ttlFor(longestFault), Clock.systemUTC())) {
            HaltSignal operator = HaltSignal.file(root.settings().haltFile(), start);
            HaltSignal leaseLost = lease.lost();
            out.printf("%s: running %d tests of %s (run %s)%n", service.id(), plan.size(),
                    plan.stream().map(PlannedTest::suite).distinct().toList(), runId);
            List<ResultEvent> results = runner.run(service, plan, new Runner.Context(runId, version, environment),
                    result -> engine.publish(List.of(result)), new RunProgress(out, System.console() != null),
                    () -> operator.requested() || leaseLost.requested());
            out.println();
            out.print(RunSummary.table(results));
            out.println(RunSummary.scoreLine(engine, service.id(), version, environment));
            if (results.size() < plan.size()) {
                out.printf("halted: %d of %d tests ran%n", results.size(), plan.size());
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(revert);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
        return ExitCodes.OK;
    }
}
