package io.steadfast.cli;

import io.steadfast.app.Engine;
import io.steadfast.app.UsageException;
import io.steadfast.cli.wiring.ConnectorsModule;
import io.steadfast.cli.wiring.KafkaClusterModule;
import io.steadfast.app.report.JunitReport;
import io.steadfast.gate.GateDecision;
import io.steadfast.json.Json;
import io.steadfast.model.Standard;
import io.steadfast.scoring.Verdict;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "gate", description = {
        "Decides whether a version of a service may ship, and records the decision.",
        "The decision carries its reasons and the hashes of the standard and suites it used.",
        "Exits 0 when the outcome passes, 1 when it fails."})
final class GateCommand implements Callable<Integer> {

    enum FailOn { warn, fail }

    enum OnNoData { fail, warn, pass }

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SERVICE")
    String service;

    @Option(names = "--version", paramLabel = "V", description = "The version about to ship (required under same-version standards).")
    String version;

    @Option(names = "--environment", paramLabel = "E", description = "The environment it ships to.")
    String environment;

    @Option(names = "--fail-on", paramLabel = "warn|fail", defaultValue = "fail",
            description = "Fail the gate from this verdict on (default: ${DEFAULT-VALUE}).")
    FailOn failOn;

    @Option(names = "--on-no-data", paramLabel = "fail|warn|pass", defaultValue = "fail",
            description = "Outcome when no standard matches the service (default: ${DEFAULT-VALUE}).")
    OnNoData onNoData;

    @Option(names = "--junit", paramLabel = "FILE", description = "Also write a JUnit XML report.")
    Path junit;

    @Option(names = "--json", description = "Print the decision as JSON.")
    boolean json;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Decide as of this instant.")
    Instant at;

    @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]",
            description = "Also announce the recorded decision on this Kafka cluster's topic steadfast.gates.")
    String kafkaBootstrap;

    @Option(names = "--kafka-properties", paramLabel = "FILE",
            description = "Extra Kafka client settings (SASL, SSL, ...) for --kafka-bootstrap, as a properties file.")
    Path kafkaProperties;

    @Override
    public Integer call() throws Exception {
        if (kafkaBootstrap != null) {
            root.install(new KafkaClusterModule(kafkaBootstrap, kafkaProperties), new ConnectorsModule());
        } else if (kafkaProperties != null) {
            throw new UsageException("--kafka-properties needs --kafka-bootstrap");
        }
        Engine engine = root.engine();
        Engine.ScoreQuery query = new Engine.ScoreQuery(at, version, environment, null);
        Engine.Evaluation evaluation = engine.evaluate(service, query);
        GateDecision decision = root.gates().gate(evaluation, query,
                failOn == FailOn.warn ? Verdict.WARN : Verdict.FAIL,
                Standard.OnNoData.valueOf(onNoData.name().toUpperCase(java.util.Locale.ROOT)));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(decision));
        } else {
            out.println("gate " + decision.outcome() + ": " + ScoreText.headline(evaluation.report()));
            decision.reasons().forEach(reason -> out.println("  - " + reason));
        }
        if (junit != null) {
            JunitReport.write(decision, evaluation.report(), junit);
        }
        return decision.outcome() == GateDecision.Outcome.PASS ? ExitCodes.OK : ExitCodes.PROBLEMS;
    }
}
