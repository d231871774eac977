package io.steadfast.cli;

import io.steadfast.app.Engine;
import io.steadfast.app.UsageException;
import io.steadfast.model.Waiver;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "waivers", description = "Adds, lists and revokes waivers (time-boxed exceptions to a must-pass test).",
        subcommands = {WaiversCommand.Add.class, WaiversCommand.ListWaivers.class, WaiversCommand.Revoke.class})
final class WaiversCommand {

    @ParentCommand
    RootCommand root;

    @Command(name = "add", description = "Adds the waivers of a YAML file, or one waiver given by options.")
    static final class Add implements Callable<Integer> {

        @ParentCommand
        WaiversCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "0..1", description = "A file of Waiver documents.")
        Path file;

        @Option(names = "--service")
        String service;

        @Option(names = "--test")
        String test;

        @Option(names = "--target", defaultValue = "")
        String target;

        @Option(names = "--reason")
        String reason;

        @Option(names = "--approved-by")
        String approvedBy;

        @Option(names = "--expires-at", description = "ISO-8601 instant, e.g. 2026-12-31T00:00:00Z.")
        Instant expiresAt;

        @Override
        public Integer call() {
            Engine engine = parent.root.engine();
            List<Waiver> added;
            if (file != null) {
                if (service != null || test != null || reason != null || approvedBy != null || expiresAt != null) {
                    throw new UsageException("give either FILE or --service/--test/--reason/--approved-by/--expires-at, not both");
                }
                TextFile text = TextFile.read(file);
                added = engine.addWaivers(text.origin(), text.text());
            } else {
                require("--service", service);
                require("--test", test);
                require("--reason", reason);
                require("--approved-by", approvedBy);
                if (expiresAt == null) {
                    throw new UsageException("--expires-at must be given: every waiver is time-boxed");
                }
                added = List.of(engine.addWaiver(new Waiver(null, service, test, target, reason, approvedBy, expiresAt)));
            }
            added.forEach(w -> spec.commandLine().getOut().printf("added waiver %s: %s %s%s until %s%n", w.id(),
                    w.service(), w.test(), w.target().isEmpty() ? "" : "[" + w.target() + "]", w.expiresAt()));
            return ExitCodes.OK;
        }

        private static void require(String option, String value) {
            if (value == null || value.isBlank()) {
                throw new UsageException(option + " must be given (or a waiver FILE)");
            }
        }
    }

    @Command(name = "list", description = "Lists waivers that are not revoked.")
    static final class ListWaivers implements Callable<Integer> {

        @ParentCommand
        WaiversCommand parent;

        @Spec
        CommandSpec spec;

        @Option(names = "--service")
        String service;

        @Override
        public Integer call() {
            Engine engine = parent.root.engine();
            Instant now = engine.now();
            Table table = new Table("ID", "SERVICE", "TEST", "TARGET", "EXPIRES", "STATE", "APPROVED BY", "REASON");
            for (Waiver w : engine.store().waivers(service)) {
                table.row(w.id(), w.service(), w.test(), w.target(), w.expiresAt(),
                        w.activeAt(now) ? "active" : "expired", w.approvedBy(), w.reason());
            }
            table.print(spec.commandLine().getOut(), "no waivers");
            return ExitCodes.OK;
        }
    }

    @Command(name = "revoke", description = "Revokes a waiver at once.")
    static final class Revoke implements Callable<Integer> {

        @ParentCommand
        WaiversCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID")
        String id;

        @Option(names = "--by", description = "Who revokes it (default: the current user).")
        String by = System.getProperty("user.name");

        @Override
        public Integer call() {
            Engine engine = parent.root.engine();
            engine.revokeWaiver(id, by);
            spec.commandLine().getOut().printf("revoked waiver %s%n", id);
            return ExitCodes.OK;
        }
    }
}
