package io.steadfast.app.wiring;

import com.google.inject.AbstractModule;
import io.steadfast.app.Settings;
import java.time.Clock;

/** Everything the engine needs for one set of settings. Creating it has no side effect. */
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
    }
}
