package io.steadfast.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import jakarta.inject.Singleton;
import com.google.inject.multibindings.OptionalBinder;
import io.steadfast.app.Settings;
import io.steadfast.results.ResultReader;
import io.steadfast.spi.ScoreEventSink;
import java.time.Clock;

/**
 * Everything the engine needs for one set of settings. Creating it has no side effect. Score and gate
 * events go nowhere ({@link ScoreEventSink#NONE}) unless {@link ConnectorsModule} binds a connector's.
 */
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
        install(new ScoringModule());
        install(new StoreModule());
        OptionalBinder.newOptionalBinder(binder(), ScoreEventSink.class).setDefault().toInstance(ScoreEventSink.NONE);
    }

    /** Reads results at every edge (Kafka, HTTP, files) against the engine's clock and the admin's policy. */
    @Provides
    @Singleton
    ResultReader resultReader() {
        return new ResultReader(clock, settings.policy().maxResultSkew());
    }
}
