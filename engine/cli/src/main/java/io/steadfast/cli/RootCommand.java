package io.steadfast.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.ProvisionException;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Engine;
import io.steadfast.app.GateService;
import io.steadfast.app.Settings;
import io.steadfast.cli.wiring.SteadfastModule;
import io.steadfast.store.DataDirectory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "steadfast", mixinStandardHelpOptions = true, version = "steadfast 0.1.0",
        description = "Reliability scoring and test-suite engine.",
        subcommands = {DemoCommand.class, ValidateCommand.class, ServicesCommand.class, WaiversCommand.class,
                ResultsCommand.class, ScoreCommand.class, HistoryCommand.class, GateCommand.class, ServeCommand.class,
                DlqCommand.class, RunCommand.class, HaltCommand.class, ProxyCommand.class, TokensCommand.class})
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

    private final List<Module> features = new ArrayList<>();
    private Injector injector;
    private Engine engine;

    Settings settings() {
        return Settings.resolve(dataDir, dbUrl, suites, rules, System.getenv());
    }

    /** Adds feature modules (Kafka, ingest) to the injector; only before it is made. */
    void install(Module... modules) {
        if (injector != null) {
            throw new IllegalStateException("modules must be installed before the injector is made");
        }
        features.addAll(List.of(modules));
    }

    /**
     * The one injector, made on first use with the parsed global options and the installed features,
     * after the data directory is made private to its user ({@link DataDirectory#secure}).
     */
    Injector injector() {
        if (injector == null) {
            Settings settings = settings();
            DataDirectory.secure(settings.dataDir());
            List<Module> modules = new ArrayList<>(features);
            modules.add(0, new SteadfastModule(settings, Clock.systemUTC()));
            injector = Guice.createInjector(modules);
        }
        return injector;
    }

    /** An instance from the injector, with a provider's own failure (a usage or store error) unwrapped. */
    <T> T get(com.google.inject.Key<T> key) {
        try {
            return injector().getInstance(key);
        } catch (ProvisionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    Engine engine() {
        if (engine == null) {
            engine = get(com.google.inject.Key.get(Engine.class));
        }
        return engine;
    }

    DefinitionService definitions() {
        return get(com.google.inject.Key.get(DefinitionService.class));
    }

    GateService gates() {
        return get(com.google.inject.Key.get(GateService.class));
    }

    /** Closes the engine (its announcements, then its store), if it was made. Idempotent. */
    @Override
    public void close() {
        if (engine != null) {
            Engine opened = engine;
            engine = null;
            opened.close();
        }
    }
}
