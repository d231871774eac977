package io.steadfast.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.Multibinder;
import io.steadfast.app.Settings;
import io.steadfast.connectors.proxy.config.ProxySettings;
import io.steadfast.proxy.ProxySecret;
import io.steadfast.runner.Connectors;
import io.steadfast.runner.FaultJournal;
import io.steadfast.runner.Pause;
import io.steadfast.runner.Runner;
import io.steadfast.spi.fault.FaultInjectorProvider;
import io.steadfast.spi.health.HealthCheckProvider;
import io.steadfast.spi.health.StaticCheckProvider;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;

/**
 * The runner: the fault, health-check and static-check connectors on the class path (found with
 * {@link ServiceLoader}), fault injectors created with the given settings ({@code --fault-setting
 * key=value}; each connector documents its keys), and the fault journal in the data directory. The
 * fault proxy's secret file defaults to {@code proxy.secret} in the data directory, where
 * {@code steadfast proxy} makes it.
 */
public final class RunnerModule extends AbstractModule {

    private final Map<String, String> faultSettings;

    public RunnerModule(Map<String, String> faultSettings) {
        this.faultSettings = Map.copyOf(faultSettings);
    }

    @Override
    protected void configure() {
        bindAll(FaultInjectorProvider.class);
        bindAll(HealthCheckProvider.class);
        bindAll(StaticCheckProvider.class);
    }

    private <T> void bindAll(Class<T> type) {
        Multibinder<T> binder = Multibinder.newSetBinder(binder(), type);
        ServiceLoader.load(type).forEach(provider -> binder.addBinding().toInstance(provider));
    }

    @Provides
    @Singleton
    Connectors connectors(Set<FaultInjectorProvider> faults, Set<HealthCheckProvider> healthChecks,
                          Set<StaticCheckProvider> staticChecks, Settings settings) {
        Map<String, String> config = new HashMap<>();
        config.put(ProxySettings.SECRET_FILE, ProxySecret.defaultFile(settings.dataDir()).toString());
        config.putAll(faultSettings);
        return Connectors.of(List.copyOf(faults), List.copyOf(healthChecks), List.copyOf(staticChecks), config);
    }

    @Provides
    @Singleton
    Runner runner(Connectors connectors, Settings settings, Clock clock) {
        return new Runner(connectors, new FaultJournal(settings.faultJournalDir()), clock, Pause.sleeping(clock),
                Runner.Settings.DEFAULTS);
    }
}
