package io.steadfast.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.steadfast.app.Settings;
import io.steadfast.gate.GateEvaluator;
import io.steadfast.scoring.Scorer;
import io.steadfast.store.Store;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;

/** Binds the engine's parts for one set of settings. Creating it does nothing; the store opens on first use. */
public final class SteadfastModule extends AbstractModule {

    private final Settings settings;
    private final Clock clock;

    public SteadfastModule(Settings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    protected void configure() {
        bind(Settings.class).toInstance(settings);
        bind(Clock.class).toInstance(clock);
        bind(Scorer.class).toInstance(new Scorer());
        bind(GateEvaluator.class).toInstance(new GateEvaluator());
    }

    @Provides
    @Singleton
    Store store(Settings settings) {
        String url = settings.dbUrl();
        if (url == null) {
            url = Store.defaultUrl(dataDir(settings.dataDir()));
        }
        return Store.open(url, settings.dbUser(), settings.dbPassword());
    }

    private static Path dataDir(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("data directory '" + dir + "' could not be created", e);
        }
    }
}
