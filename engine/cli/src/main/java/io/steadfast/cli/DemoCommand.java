package io.steadfast.cli;

import com.google.inject.Key;
import com.google.inject.name.Names;
import io.steadfast.app.Engine;
import io.steadfast.app.runs.RunService;
import io.steadfast.demo.DemoWorld;
import io.steadfast.app.ingest.IngestLoop;
import io.steadfast.app.ingest.StoredResultsWait;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.cli.wiring.ConnectorsModule;
import io.steadfast.cli.wiring.IngestModule;
import io.steadfast.cli.wiring.RunnerModule;
import io.steadfast.gate.GateDecision;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.model.Standard;
import io.steadfast.runner.HaltSignal;
import io.steadfast.runner.PlannedTest;
import io.steadfast.scoring.Verdict;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.result.ResultEvent;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = {
        "The whole product in one command, on embedded defaults: starts the embedded Kafka broker and store,",
        "the fault proxy and small real services (checkout with two instances, inventory, payments over TLS)",
        "as separate processes, registers checkout, runs the demo suite against it with real faults, and",
        "prints the explained score and the gate verdict. About two minutes; every fault is reverted."})
final class DemoCommand implements Callable<Integer> {

    /** Memory pressure stays small on a shared laptop; CPU pressure keeps the connector's default ceiling. */
    private static final Map<String, String> FAULT_SETTINGS = Map.of("stress.memoryCeilingMb", "256");
    private static final Duration STORE_WAIT = Duration.ofSeconds(60);

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (root.dataDir == null && root.dbUrl == null) {
            root.dataDir = Files.createTempDirectory("steadfast-demo");
        }
        root.install(kafka.module(), new ConnectorsModule(), new IngestModule(), new RunnerModule(FAULT_SETTINGS));
        out.println("== Steadfast demo (data in " + root.settings().dataDir() + ")");
        out.flush();
        Lifecycle broker = root.get(Key.get(Lifecycle.class, Names.named("broker")));
        IngestLoop ingest = null;
        try (DemoWorld world = DemoWorld.start(root.settings().dataDir())) {
            broker.start();
            Engine engine = root.engine();
            out.printf("loaded %d suites and %d standards; started the embedded Kafka broker and store%n",
                    root.definitions().current().suites().size(), root.definitions().current().standards().size());
            out.println("started payments (TLS), inventory, checkout-1, checkout-2 and the fault proxy as processes");
            String yaml = world.checkoutYaml();
            ServiceDefinition checkout = root.definitions().parseServices("demo/checkout.yaml", yaml).get(0);
            engine.registerService(checkout, yaml, ServiceOrigin.FILE);
            ingest = root.get(Key.get(IngestLoop.class));
            ingest.start();
            out.println("registered checkout; results travel through Kafka into the store");
            out.println();
            List<ResultEvent> results = run(out, checkout);
            awaitStored(engine, results);
            report(out, engine, results);
        } finally {
            if (ingest != null) {
                ingest.stop();
            }
            root.get(Key.get(ResultSink.class)).close();
            root.engine().outbox().close(); // sends what the outbox holds while the broker still runs
            root.get(Key.get(ScoreEventSink.class)).close();
            broker.stop();
            root.close();
        }
        return ExitCodes.OK;
    }

    private List<ResultEvent> run(PrintWriter out, ServiceDefinition checkout) throws InterruptedException {
        RunService runs = root.get(Key.get(RunService.class));
        runs.recoverJournal().forEach(line -> out.println("journal: " + line));
        ResultSink sink = root.get(Key.get(ResultSink.class));
        List<PlannedTest> plan = runs.plan(checkout, List.of(), null, null);
        out.printf("== steadfast run checkout (%d tests of suite demo)%n", plan.size());
        try (RunService.Run run = runs.start(checkout, plan, "1.0.0", null)) {
            return run.execute(result -> sink.publish(List.of(result)), new RunProgress(out, System.console() != null),
                    HaltSignal.NEVER);
        }
    }

    private static void awaitStored(Engine engine, List<ResultEvent> results) throws InterruptedException {
        StoredResultsWait wait = new StoredResultsWait(id -> engine.store().foldedResult(id), Clock.systemUTC(),
                duration -> Thread.sleep(duration.toMillis()), Duration.ofMillis(100));
        StoredResultsWait.Outcome outcome = wait.await(results, STORE_WAIT);
        if (!outcome.missing().isEmpty()) {
            throw new SteadfastException("the demo's results must be ingested from Kafka within "
                    + STORE_WAIT.toSeconds() + " s, but " + outcome.missing().size() + " were not");
        }
    }

    private void report(PrintWriter out, Engine engine, List<ResultEvent> results) {
        out.println();
        out.print(RunSummary.table(results));
        out.println();
        out.println("== steadfast score checkout --explain");
        Engine.ScoreQuery query = new Engine.ScoreQuery(null, "1.0.0", null, null);
        Engine.Evaluation evaluation = engine.evaluate("checkout", query);
        ScoreText.print(evaluation.report(), true, out);
        out.println();
        out.println("== steadfast gate checkout --version 1.0.0");
        GateDecision decision = root.gates().gate(evaluation, query, Verdict.FAIL, Standard.OnNoData.FAIL);
        out.println("gate " + decision.outcome() + ": " + ScoreText.headline(evaluation.report()));
        decision.reasons().forEach(reason -> out.println("  - " + reason));
        out.flush();
    }
}
