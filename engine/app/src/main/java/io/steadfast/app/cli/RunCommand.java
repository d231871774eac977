package io.steadfast.app.cli;

import com.google.inject.Key;
import io.steadfast.app.Engine;
import io.steadfast.app.UsageException;
import io.steadfast.app.runs.ServiceRunLease;
import io.steadfast.app.wiring.ConnectorsModule;
import io.steadfast.app.wiring.KafkaClusterModule;
import io.steadfast.app.wiring.RunnerModule;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.TestSuite;
import io.steadfast.runner.HaltSignal;
import io.steadfast.runner.PlannedTest;
import io.steadfast.runner.RunPlanner;
import io.steadfast.runner.Runner;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.result.ResultEvent;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]",
            description = "Publish each result to this Kafka cluster's results topic (for serve to ingest) instead of"
                    + " storing it directly.")
    String kafkaBootstrap;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Extra Kafka client settings (SASL, SSL, ...) for --kafka-bootstrap, as a properties file.")
    Path kafkaProperties;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        if (kafkaBootstrap == null && kafkaProperties != null) {
            throw new UsageException("--kafka-properties needs --kafka-bootstrap");
        }
        root.install(new RunnerModule(faultSettings));
        if (kafkaBootstrap != null) {
            root.install(new KafkaClusterModule(kafkaBootstrap, kafkaProperties), new ConnectorsModule());
        }
        Engine engine = root.engine();
        ServiceDefinition service = engine.service(serviceId).orElseThrow(() -> new UsageException("service '"
                + serviceId + "' must be registered before it is tested (steadfast services register FILE),"
                + " but was not found"));
        List<PlannedTest> plan = plan(engine, service);
        Runner runner = root.get(Key.get(Runner.class));
        runner.recoverJournal().forEach(line -> out.println("journal: " + line));
        if (dryRun) {
            out.printf("plan for %s (%d tests; nothing applied):%n", service.id(), plan.size());
            runner.dryRun(service, engine.serviceOrigin(service.id()), plan).forEach(line -> out.println("  " + line));
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

    /** To Kafka when a cluster was named (serve stores and scores), else straight into the store. */
    private Consumer<ResultEvent> publisher(Engine engine) {
        if (kafkaBootstrap == null) {
            return result -> engine.publish(List.of(result));
        }
        ResultSink sink = root.get(Key.get(ResultSink.class));
        return result -> sink.publish(List.of(result));
    }

    private int run(PrintWriter out, Engine engine, Runner runner, ServiceDefinition service, List<PlannedTest> plan)
            throws InterruptedException {
        Instant start = engine.now();
        String runId = "run-" + RUN_ID.format(start) + "-" + UUID.randomUUID().toString().substring(0, 8);
        Thread revert = new Thread(runner::revertAll, "steadfast-revert-faults");
        Runtime.getRuntime().addShutdownHook(revert);
        try (ServiceRunLease lease = ServiceRunLease.acquire(engine.store().runLeases(), service.id(),
                ServiceRunLease.holder(runId), ServiceRunLease.ttlFor(plan), engine.clock())) {
            HaltSignal operator = HaltSignal.file(root.settings().haltFile(), start);
            HaltSignal leaseLost = lease.lost();
            out.printf("%s: running %d tests of %s (run %s)%n", service.id(), plan.size(),
                    plan.stream().map(PlannedTest::suite).distinct().toList(), runId);
            List<ResultEvent> results = runner.run(service, plan, new Runner.Context(runId, version, environment,
                            engine.serviceOrigin(service.id())),
                    publisher(engine), new RunProgress(out, System.console() != null),
                    () -> operator.requested() || leaseLost.requested());
            out.println();
            out.print(RunSummary.table(results));
            out.println(kafkaBootstrap == null ? RunSummary.scoreLine(engine, service.id(), version, environment)
                    : "published " + results.size() + " results to Kafka at " + kafkaBootstrap
                    + "; they count once serve has stored them");
            if (results.size() < plan.size()) {
                out.printf("halted: %d of %d tests ran%n", results.size(), plan.size());
            }
        } finally {
            if (kafkaBootstrap != null) {
                root.get(Key.get(ResultSink.class)).close();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(revert);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs
            }
        }
        return ExitCodes.OK;
    }
}
