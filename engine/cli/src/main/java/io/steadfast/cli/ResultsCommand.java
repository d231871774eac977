package io.steadfast.cli;

import com.google.inject.Key;
import io.steadfast.app.Engine;
import io.steadfast.app.UsageException;
import io.steadfast.app.ingest.StoredResultsWait;
import io.steadfast.cli.wiring.ConnectorsModule;
import io.steadfast.cli.wiring.KafkaClusterModule;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.results.ResultReader;
import io.steadfast.store.IngestOutcome;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
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
            "reported with its line, and the good ones are still stored. Exits 1 when any record was rejected.",
            "With --kafka-bootstrap the good ones are sent to the results topic instead, for 'steadfast serve'",
            "to ingest; they are published once the cluster acknowledged them, and with --wait once serve has",
            "stored and scored them in the store this command is given (so that a 'gate' right after counts them)."})
    static final class Publish implements Callable<Integer> {

        private static final Duration WAIT_INTERVAL = Duration.ofMillis(200);

        @ParentCommand
        ResultsCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE")
        Path file;

        @Option(names = "--wait", description = "Return once the results are stored and scored"
                + " (always so without --kafka-bootstrap).")
        boolean await;

        @Option(names = "--wait-timeout", paramLabel = "DURATION", defaultValue = "60s",
                description = "How long --wait waits, such as 90s or 5m (default: ${DEFAULT-VALUE}); exit 2 past it.")
        Duration waitTimeout;

        @Option(names = "--kafka-bootstrap", paramLabel = "HOST:PORT[,...]",
                description = "Send the results to this Kafka cluster's results topic instead of the store.")
        String kafkaBootstrap;

        @Option(names = "--kafka-properties", paramLabel = "FILE",
                description = "Extra Kafka client settings (SASL, SSL, ...) for --kafka-bootstrap, as a properties file.")
        Path kafkaProperties;

        @Override
        public Integer call() {
            if (kafkaBootstrap == null && kafkaProperties != null) {
                throw new UsageException("--kafka-properties needs --kafka-bootstrap");
            }
            TextFile text = TextFile.read(file);
            ResultReader.ReadOutcome read = new ResultReader(Clock.systemUTC(),
                    parent.root.settings().policy().maxResultSkew()).read(text.origin(), text.text());
            PrintWriter err = spec.commandLine().getErr();
            read.errors().forEach(e -> err.println("rejected " + e));
            if (kafkaBootstrap != null) {
                parent.root.install(new KafkaClusterModule(kafkaBootstrap, kafkaProperties), new ConnectorsModule());
                try (ResultSink sink = parent.root.get(Key.get(ResultSink.class))) {
                    sink.publish(read.results());
                }
                spec.commandLine().getOut().printf("published %d to Kafka at %s, rejected %d%n", read.results().size(),
                        kafkaBootstrap, read.errors().size());
                boolean conflicts = await && !awaitStored(read.results());
                return read.errors().isEmpty() && !conflicts ? ExitCodes.OK : ExitCodes.PROBLEMS;
            }
            Engine engine = parent.root.engine();
            IngestOutcome outcome = engine.publish(read.results());
            outcome.conflicts().forEach(c -> err.println("rejected result '" + c.resultId() + "': " + c.reason()));
            spec.commandLine().getOut().printf("stored %d, already stored %d, rejected %d%n", outcome.stored(),
                    outcome.duplicates(), read.errors().size() + outcome.conflicts().size());
            return read.errors().isEmpty() && outcome.conflicts().isEmpty() ? ExitCodes.OK : ExitCodes.PROBLEMS;
        }

        /** Waits until serve stored the results and folded them in; false when some conflicted with stored ones. */
        private boolean awaitStored(List<ResultEvent> results) {
            Engine engine = parent.root.engine();
            StoredResultsWait wait = new StoredResultsWait(id -> engine.store().foldedResult(id), Clock.systemUTC(),
                    duration -> Thread.sleep(duration.toMillis()), WAIT_INTERVAL);
            StoredResultsWait.Outcome outcome;
            try {
                outcome = wait.await(results, waitTimeout);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SteadfastException("interrupted while waiting for results to be stored", e);
            }
            if (!outcome.missing().isEmpty()) {
                throw new SteadfastException("published results must be stored and scored within --wait-timeout "
                        + (waitTimeout.toMillis() % 1000 == 0 ? waitTimeout.toSeconds() + "s" : waitTimeout.toMillis() + "ms")
                        + ", but " + outcome.missing().size() + " of " + results.size()
                        + " were not (is 'steadfast serve' ingesting from " + kafkaBootstrap
                        + " into this store?); first missing: '" + outcome.missing().get(0) + "'");
            }
            PrintWriter err = spec.commandLine().getErr();
            outcome.conflicting().forEach(id -> err.println("rejected result '" + id
                    + "': a different result is stored under its id (dead-lettered)"));
            spec.commandLine().getOut().printf("stored and scored %d, rejected %d%n", outcome.stored().size(),
                    outcome.conflicting().size());
            return outcome.conflicting().isEmpty();
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
