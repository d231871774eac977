package io.steadfast.cli;

import com.google.inject.Key;
import io.steadfast.app.UsageException;
import io.steadfast.cli.wiring.ConnectorConfig;
import io.steadfast.connectors.kafka.KafkaDeadLetters;
import io.steadfast.connectors.kafka.config.KafkaSettings;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "dlq", description = "Shows and replays the dead-lettered result records (topic steadfast.results.dlq).",
        subcommands = {DlqCommand.ListLetters.class, DlqCommand.Replay.class})
final class DlqCommand {

    private static final int PREVIEW_BYTES = 120;

    @ParentCommand
    RootCommand root;

    KafkaDeadLetters open(BrokerOptions broker) {
        root.install(broker.module());
        return new KafkaDeadLetters(KafkaSettings.from(root.get(Key.get(ConnectorConfig.class)).settings()));
    }

    @Command(name = "list", description = {
            "Lists the dead letters: their partition@offset on the DLQ, where they were read from, why they were",
            "rejected, and the first bytes of their value."})
    static final class ListLetters implements Callable<Integer> {

        @ParentCommand
        DlqCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        BrokerOptions broker;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (KafkaDeadLetters letters = parent.open(broker)) {
                List<KafkaDeadLetters.Entry> entries = letters.list();
                for (KafkaDeadLetters.Entry entry : entries) {
                    out.printf("%d@%d  from %s  key %s%n", entry.partition(), entry.offset(),
                            entry.source() == null ? "(unknown)" : entry.source(), entry.key());
                    out.printf("    reason: %s%n", entry.reason() == null ? "(none)" : entry.reason());
                    out.printf("    value:  %s%n", preview(entry.value()));
                }
                out.printf("%d dead letter(s) at %s%n", entries.size(), broker.bootstrap());
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "replay", description = {
            "Produces dead letters back to steadfast.results, key and bytes unchanged, for 'steadfast serve' to",
            "ingest again (after a fix was deployed, for one): all of them, or the one at --offset. A result",
            "already stored is stored once; a record still bad is dead-lettered again."})
    static final class Replay implements Callable<Integer> {

        @ParentCommand
        DlqCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        BrokerOptions broker;

        @Option(names = "--offset", paramLabel = "N", description = "Replay only the dead letter at this offset.")
        Long offset;

        @Option(names = "--partition", paramLabel = "P",
                description = "The DLQ partition of --offset (needed when several partitions have that offset).")
        Integer partition;

        @Override
        public Integer call() {
            if (partition != null && offset == null) {
                throw new UsageException("--partition needs --offset");
            }
            try (KafkaDeadLetters letters = parent.open(broker)) {
                List<KafkaDeadLetters.Entry> chosen = letters.list().stream()
                        .filter(e -> offset == null || e.offset() == offset)
                        .filter(e -> partition == null || e.partition() == partition).toList();
                if (offset != null && chosen.isEmpty()) {
                    throw new UsageException("--offset must name a dead letter, but " + (partition == null ? "" : partition + "@")
                            + offset + " is not on the dead-letter topic (see 'steadfast dlq list')");
                }
                if (chosen.size() > 1 && offset != null) {
                    throw new UsageException("--offset " + offset + " must name one dead letter, but partitions "
                            + chosen.stream().map(e -> Integer.toString(e.partition())).toList()
                            + " all have it; name one with --partition");
                }
                letters.replay(chosen);
                spec.commandLine().getOut().printf("replayed %d dead letter(s) to the results topic at %s%n",
                        chosen.size(), broker.bootstrap());
            }
            return ExitCodes.OK;
        }
    }

    /** The first bytes of a value as text, control characters shown as '?'. */
    static String preview(byte[] value) {
        if (value == null) {
            return "(no value)";
        }
        String text = new String(value, 0, Math.min(value.length, PREVIEW_BYTES), StandardCharsets.UTF_8)
                .replaceAll("\\p{Cntrl}", "?");
        return value.length > PREVIEW_BYTES ? text + "… (" + value.length + " bytes)" : text;
    }
}
