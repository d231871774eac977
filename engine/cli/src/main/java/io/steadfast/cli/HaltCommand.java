package io.steadfast.cli;

import com.google.inject.Key;
import io.steadfast.cli.wiring.RunnerModule;
import io.steadfast.runner.HaltSignal;
import io.steadfast.runner.Runner;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "halt", description = {
        "Stops every run on this data directory now: each reverts its active fault within one health-check",
        "interval and runs no further test. Also reverts faults left in the journal by an engine that died."})
final class HaltCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        root.install(new RunnerModule(Map.of()));
        Runner runner = root.get(Key.get(Runner.class));
        HaltSignal.request(root.settings().haltFile(), Instant.now());
        out.println("halt requested: every run reverts its fault within one health-check interval");
        List<String> reverted = runner.recoverJournal();
        reverted.forEach(line -> out.println("journal: " + line));
        return reverted.stream().anyMatch(line -> line.startsWith("could not")) ? ExitCodes.ERROR : ExitCodes.OK;
    }
}
