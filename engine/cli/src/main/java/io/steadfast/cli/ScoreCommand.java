package io.steadfast.cli;

import io.steadfast.app.Engine;
import io.steadfast.app.UsageException;
import io.steadfast.json.Json;
import io.steadfast.scoring.ScoreReport;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "score", description = {
        "Shows a service's score against its standard, or a team's or the organisation's rollup.",
        "Never recorded: scores are computed from the stored results at the time asked for."})
final class ScoreCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @ArgGroup(multiplicity = "1")
    Subject subject;

    static final class Subject {

        @Parameters(paramLabel = "SERVICE", arity = "1")
        String service;

        @Option(names = "--team", paramLabel = "TEAM", description = "The rollup of a team's services.")
        String team;

        @Option(names = "--org", description = "The rollup of every registered service.")
        boolean org;
    }

    @Option(names = "--explain", description = "Show every test instance's contribution and what is not applicable.")
    boolean explain;

    @Option(names = "--json", description = "Print the report as JSON (docs/schema/score-report.schema.json).")
    boolean json;

    @Option(names = "--version", paramLabel = "V", description = "Count only evidence for this service version (under same-version standards).")
    String version;

    @Option(names = "--environment", paramLabel = "E", description = "The target environment (selects the standard).")
    String environment;

    @Option(names = "--standard", paramLabel = "FILE-or-ID", description = "What-if: score against this standard instead.")
    String standard;

    @Option(names = "--at", paramLabel = "INSTANT", description = "Score as of this instant; later results are ignored.")
    Instant at;

    @Override
    public Integer call() throws Exception {
        Engine engine = root.engine();
        if (subject.service == null) {
            if (version != null || standard != null || explain) {
                throw new UsageException("--version, --standard and --explain apply to one SERVICE, not to --team or --org");
            }
            RollupText.print(engine, subject.team, at, json, spec.commandLine().getOut());
            return ExitCodes.OK;
        }
        Engine.ScoreQuery query = new Engine.ScoreQuery(at, version, environment,
                standard == null ? null : root.definitions().standard(standard));
        ScoreReport report = engine.evaluate(subject.service, query).report();
        if (json) {
            spec.commandLine().getOut().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
        } else {
            ScoreText.print(report, explain, spec.commandLine().getOut());
        }
        return ExitCodes.OK;
    }
}
