package io.steadfast.app.cli;

import io.steadfast.app.Settings;
import io.steadfast.definitions.DefinitionError;
import io.steadfast.definitions.DefinitionLoader;
import io.steadfast.definitions.Definitions;
import io.steadfast.definitions.LoadResult;
import io.steadfast.definitions.StandardSelector;
import java.nio.file.Files;
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
        List<Path> toLoad = new ArrayList<>(paths);
        if (toLoad.isEmpty()) {
            settings.requireDefinitionDirs();
            toLoad.addAll(List.of(settings.suitesDir(), settings.rulesDir()));
        }
        DefinitionLoader loader = new DefinitionLoader();
        LoadResult result = loader.load(toLoad);
        if (!paths.isEmpty()) {
            // Files given alone are checked against the configured suites and rules of the kinds they lack.
            if (result.definitions().suites().isEmpty() && Files.isDirectory(settings.suitesDir())) {
                toLoad.add(settings.suitesDir());
            }
            if (result.definitions().standards().isEmpty() && Files.isDirectory(settings.rulesDir())) {
                toLoad.add(settings.rulesDir());
            }
            if (toLoad.size() > paths.size()) {
                result = loader.load(toLoad);
            }
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
