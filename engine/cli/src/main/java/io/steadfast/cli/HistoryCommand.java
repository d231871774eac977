package io.steadfast.cli;

import io.steadfast.json.Json;
import io.steadfast.store.ScoreSnapshot;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "history", description = "Shows how a service's score and verdict changed over time.")
final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SERVICE")
    String service;

    @Option(names = "--json")
    boolean json;

    @Override
    public Integer call() throws Exception {
        List<ScoreSnapshot> history = root.engine().store().history(service);
        if (json) {
            spec.commandLine().getOut().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(history));
            return ExitCodes.OK;
        }
        Table table = new Table("AT", "STANDARD", "SCORE", "VERDICT", "COVERAGE");
        history.forEach(s -> table.row(s.at(), s.standard(), s.score() == null ? "-" : s.score().toPlainString(),
                s.verdict(), String.format(java.util.Locale.ROOT, "%.0f%%", s.coverage() * 100)));
        table.print(spec.commandLine().getOut(), "no history for '" + service + "'");
        return ExitCodes.OK;
    }
}
