package io.steadfast.app.cli;

import io.steadfast.app.Engine;
import io.steadfast.gate.GateDecision;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.results.ResultReader;
import io.steadfast.scoring.Verdict;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.IngestOutcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "demo", description = {
        "Scores a bundled sample on embedded defaults, start to finish.",
        "Loads the shipped suites and standards, registers three sample services in a fresh data",
        "directory, publishes a bundled sample of results (their ages kept, their times moved to now),",
        "then prints an explained score, a gate decision and the organisation's rollup."})
final class DemoCommand implements Callable<Integer> {

    /** The instant the bundled results were written against; their ages are kept relative to it. */
    private static final Instant SAMPLE_ANCHOR = Instant.parse("2026-11-26T12:00:00Z");

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (root.dataDir == null && root.dbUrl == null) {
            root.dataDir = Files.createTempDirectory("steadfast-demo");
        }
        Engine engine = root.engine();
        out.println("== Steadfast demo (data in " + root.settings().dataDir() + ")");
        out.printf("loaded %d suites and %d standards from %s and %s%n", engine.definitions().suites().size(),
                engine.definitions().standards().size(), root.settings().suitesDir(), root.settings().rulesDir());

        String services = resource("services.yaml");
        for (ServiceDefinition service : engine.parseServices("demo/services.yaml", services)) {
            engine.registerService(service, services);
        }
        engine.addWaivers("demo/waivers.yaml", resource("waivers.yaml"));
        ResultReader.ReadOutcome sample = new ResultReader().read("demo/results.jsonl", resource("results.jsonl"));
        if (!sample.errors().isEmpty()) {
            throw new IllegalStateException("bundled sample is invalid: " + sample.errors());
        }
        IngestOutcome stored = engine.publish(rebase(sample.results(), Duration.between(SAMPLE_ANCHOR, engine.now())));
        out.printf("registered 3 services, 1 waiver; published %d results%n%n", stored.stored());

        out.println("== steadfast score checkout --explain");
        Engine.ScoreQuery query = new Engine.ScoreQuery(null, "1.4.2", "production", null);
        Engine.Evaluation checkout = engine.evaluate("checkout", query);
        ScoreText.print(checkout.report(), true, out);

        out.println();
        out.println("== steadfast gate checkout --version 1.4.2 --environment production");
        GateDecision decision = engine.gate(checkout, query, Verdict.FAIL, Standard.OnNoData.FAIL);
        out.println("gate " + decision.outcome() + ": " + ScoreText.headline(checkout.report()));
        decision.reasons().forEach(reason -> out.println("  - " + reason));
        out.println("  standard " + decision.standard() + " sha256:" + decision.standardHash());

        out.println();
        out.println("== steadfast score --org");
        RollupText.print(engine, null, null, false, out);
        return ExitCodes.OK;
    }

    private static List<ResultEvent> rebase(List<ResultEvent> results, Duration shift) {
        return results.stream().map(r -> new ResultEvent(r.schemaVersion(), r.resultId(), r.service(), r.suite(),
                r.test(), r.target(), r.status(), r.startedAt() == null ? null : r.startedAt().plus(shift),
                r.finishedAt().plus(shift), r.serviceVersion(), r.environment(), r.source(), r.runId(),
                r.measurements(), r.message())).toList();
    }

    private static String resource(String name) {
        try (InputStream in = DemoCommand.class.getResourceAsStream("/io/steadfast/app/demo/" + name)) {
            if (in == null) {
                throw new IllegalStateException("demo resource '" + name + "' is missing from the build");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
