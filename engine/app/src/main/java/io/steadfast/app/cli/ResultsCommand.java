package io.steadfast.app.cli;

import io.steadfast.app.Engine;
import io.steadfast.results.ResultReader;
import io.steadfast.store.IngestOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "results", description = "Publishes and retracts test results.",
        subcommands = {ResultsCommand.Publish.class, ResultsCommand.Retract.class})
final class ResultsCommand {

    @ParentCommand
    RootCommand root;

    @Command(name = "publish", description = {
            "Publishes the results of a JSON or JSON Lines file. Each record is validated: a bad one is",
            "reported with its line, and the good ones are still stored. Exits 1 when any record was rejected."})
    static final class Publish implements Callable<Integer> {

        @ParentCommand
        ResultsCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--wait", description = "Return once the results are stored and scored.")
        boolean await;

        @Override
        public Integer call() {
            Engine engine = parent.root.engine();
            TextFile text = TextFile.read(file);
            ResultReader.ReadOutcome read = new ResultReader().read(text.origin(), text.text());
            PrintWriter err = spec.commandLine().getErr();
            read.errors().forEach(e -> err.println("rejected " + e));
            IngestOutcome outcome = engine.publish(read.results());
            outcome.conflicts().forEach(c -> err.println("rejected result '" + c.resultId() + "': " + c.reason()));
            spec.commandLine().getOut().printf("stored %d, already stored %d, rejected %d%n", outcome.stored(),
                    outcome.duplicates(), read.errors().size() + outcome.conflicts().size());
            return read.errors().isEmpty() && outcome.conflicts().isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }
    }

    @Command(name = "retract", description = "Retracts a result: it is kept, recorded as retracted, and no longer counts.")
    static final class Retract implements Callable<Integer> {

        @ParentCommand
        ResultsCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String resultId;

        @Option(names = "--reason", required = true)
        String reason;

        @Option(names = "--by", description = "Who retracts it (default: the current user).")
        String by = System.getProperty("user.name");

        @Override
        public Integer call() {
            if (reason.isBlank()) {
                throw new io.steadfast.app.UsageException("--reason must not be empty");
            }
            parent.root.engine().retract(resultId, reason, by);
            spec.commandLine().getOut().printf("retracted %s%n", resultId);
            return ExitCodes.OK;
        }
    }
}
