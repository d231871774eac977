package io.steadfast.cli;

import io.steadfast.app.Settings;
import io.steadfast.definitions.DefinitionError;
import io.steadfast.definitions.DefinitionLoader;
import io.steadfast.definitions.Definitions;
import io.steadfast.definitions.LoadResult;
import io.steadfast.definitions.StandardSelector;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "validate", description = {
        "Checks suites, standards, services and waivers, reporting every error at once.",
        "Without PATH, checks the configured suites and rules. Service and waiver files are checked",
        "against the configured suites and rules, including which standard each service gets."})
final class ValidateCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "PATH", description = "Files or directories (searched for *.yaml and *.yml).")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        Settings settings = root.settings();
        LoadResult result;
        if (paths.isEmpty()) {
            settings.requireDefinitionDirs();
            result = new DefinitionLoader().load(List.of(settings.suitesDir(), settings.rulesDir()));
        } else {
            result = new DefinitionLoader().load(paths, settings.suitesDir(), settings.rulesDir());
        }
        List<String> problems = new ArrayList<>(result.errors().stream().map(DefinitionError::toString).toList());
        Definitions definitions = result.definitions();
        if (result.ok()) {
            problems.addAll(StandardSelector.problems(definitions, null));
        }
        var out = spec.commandLine().getOut();
        if (!problems.isEmpty()) {
            var err = spec.commandLine().getErr();
            problems.forEach(err::println);
            err.println(problems.size() + (problems.size() == 1 ? " problem" : " problems") + " found");
            return ExitCodes.PROBLEMS;
        }
        out.printf("ok: %d suites, %d standards, %d services, %d waivers%n", definitions.suites().size(),
                definitions.standards().size(), definitions.services().size(), definitions.waivers().size());
        return ExitCodes.OK;
    }
}
