package io.steadfast.app.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import io.steadfast.app.Engine;
import io.steadfast.app.Settings;
import io.steadfast.app.wiring.SteadfastModule;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "steadfast", mixinStandardHelpOptions = true, version = "steadfast 0.1.0",
        description = "Reliability scoring and test-suite engine.",
        subcommands = {DemoCommand.class, ValidateCommand.class, ServicesCommand.class, WaiversCommand.class,
                ResultsCommand.class, ScoreCommand.class, HistoryCommand.class, GateCommand.class})
final class RootCommand implements AutoCloseable {

    @Option(names = "--data-dir", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Data directory (env STEADFAST_HOME; default ~/.steadfast).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "URL", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "JDBC URL of the store (env STEADFAST_DB_URL; default the H2 database in the data directory).")
    String dbUrl;

    @Option(names = "--suites", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Test-suite directory (env STEADFAST_SUITES; default test-suites/ of the installation).")
    Path suites;

    @Option(names = "--rules", paramLabel = "DIR", scope = picocli.CommandLine.ScopeType.INHERIT,
            description = "Scoring-rule directory (env STEADFAST_RULES; default scoring-rules/ of the installation).")
    Path rules;

    private Engine engine;

    Settings settings() {
        return Settings.resolve(dataDir, dbUrl, suites, rules, System.getenv());
    }

    /** The one injector, made on first use with the parsed global options. */
    Engine engine() {
        if (engine == null) {
            Injector injector = Guice.createInjector(new SteadfastModule(settings(), Clock.systemUTC()));
            try {
                engine = injector.getInstance(Engine.class);
            } catch (ProvisionException e) {
                throw e.getCause() instanceof RuntimeException cause ? cause : e;
            }
        }
        return engine;
    }

    @Override
    public void close() {
        if (engine != null) {
            engine.store().close();
        }
    }
}
