package io.steadfast.cli;

import io.steadfast.app.Engine;
import io.steadfast.definitions.StandardSelector;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "services", description = "Registers and lists services.",
        subcommands = {ServicesCommand.Register.class, ServicesCommand.ListServices.class})
final class ServicesCommand {

    @ParentCommand
    RootCommand root;

    @Command(name = "register", description = "Registers (or updates) the services of YAML files. All files are checked before any is stored.")
    static final class Register implements Callable<Integer> {

        @ParentCommand
        ServicesCommand parent;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "FILE", arity = "1..*")
        List<Path> files;

        @Override
        public Integer call() {
            Engine engine = parent.root.engine();
            Map<ServiceDefinition, String> parsed = new LinkedHashMap<>();
            for (Path file : files) {
                TextFile text = TextFile.read(file);
                parent.root.definitions().parseServices(text.origin(), text.text()).forEach(s -> parsed.put(s, text.text()));
            }
            parsed.forEach((service, text) -> {
                engine.registerService(service, text, ServiceOrigin.FILE);
                spec.commandLine().getOut().printf("registered %s (team %s, %s)%n", service.id(), service.team(),
                        service.tier());
            });
            return ExitCodes.OK;
        }
    }

    @Command(name = "list", description = "Lists the registered services and the standard each one gets.")
    static final class ListServices implements Callable<Integer> {

        @ParentCommand
        ServicesCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Engine engine = parent.root.engine();
            Table table = new Table("SERVICE", "NAME", "TEAM", "TIER", "ENVIRONMENT", "STANDARD");
            for (ServiceDefinition service : engine.store().services()) {
                StandardSelector.Selection selection = StandardSelector.select(service, null,
                        parent.root.definitions().current().standards());
                table.row(service.id(), service.name(), service.team(), service.tier(), service.environment(),
                        selection.standard() != null ? selection.standard().id() : "none: " + selection.problem());
            }
            table.print(spec.commandLine().getOut(), "no services registered");
            return ExitCodes.OK;
        }
    }
}
