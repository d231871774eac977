package io.steadfast.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.steadfast.app.Settings;
import io.steadfast.runner.Connectors;
import io.steadfast.runner.FaultJournal;
import io.steadfast.runner.Pause;
import io.steadfast.runner.Runner;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.Map;

/**
 * The runner: every fault and health-check connector on the class path, created with the given
 * fault-connector settings ({@code --fault-setting key=value}; each connector documents its keys),
 * and the fault journal in the data directory.
 */
public final class RunnerModule extends AbstractModule {

    private final Map<String, String> faultSettings;

    public RunnerModule(Map<String, String> faultSettings) {
        this.faultSettings = Map.copyOf(faultSettings);
    }

    @Provides
    @Singleton
    Connectors connectors() {
        return Connectors.load(faultSettings);
    }

    @Provides
    @Singleton
    Runner runner(Connectors connectors, Settings settings, Clock clock) {
        return new Runner(connectors, new FaultJournal(settings.faultJournalDir()), clock, Pause.sleeping(clock),
                Runner.Settings.DEFAULTS);
    }
}
