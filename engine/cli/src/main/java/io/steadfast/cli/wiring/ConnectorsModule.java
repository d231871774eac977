package io.steadfast.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Key;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import com.google.inject.name.Names;
import io.steadfast.app.UsageException;
import io.steadfast.spi.ConnectorTypes;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.ResultSinkProvider;
import io.steadfast.spi.ResultSource;
import io.steadfast.spi.ResultSourceProvider;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.spi.ScoreEventSinkProvider;
import io.steadfast.spi.ScoreEventSource;
import io.steadfast.spi.ScoreEventSourceProvider;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The connectors on the class path, found with {@link ServiceLoader} and bound by type; the result
 * source, result sink, score-event sink (replacing the default that announces nothing) and
 * score-event source of the configured {@link ConnectorConfig} type.
 */
public final class ConnectorsModule extends AbstractModule {

    @Override
    protected void configure() {
        MapBinder<String, ResultSourceProvider> sources =
                MapBinder.newMapBinder(binder(), String.class, ResultSourceProvider.class);
        ServiceLoader.load(ResultSourceProvider.class).forEach(p -> sources.addBinding(p.type()).toInstance(p));
        MapBinder<String, ResultSinkProvider> sinks =
                MapBinder.newMapBinder(binder(), String.class, ResultSinkProvider.class);
        ServiceLoader.load(ResultSinkProvider.class).forEach(p -> sinks.addBinding(p.type()).toInstance(p));
        MapBinder<String, ScoreEventSinkProvider> events =
                MapBinder.newMapBinder(binder(), String.class, ScoreEventSinkProvider.class);
        ServiceLoader.load(ScoreEventSinkProvider.class).forEach(p -> events.addBinding(p.type()).toInstance(p));
        MapBinder<String, ScoreEventSourceProvider> feeds =
                MapBinder.newMapBinder(binder(), String.class, ScoreEventSourceProvider.class);
        ServiceLoader.load(ScoreEventSourceProvider.class).forEach(p -> feeds.addBinding(p.type()).toInstance(p));
        OptionalBinder.newOptionalBinder(binder(), ScoreEventSink.class).setBinding()
                .to(Key.get(ScoreEventSink.class, Names.named("connector")));
    }

    @Provides
    @Singleton
    @Named("connector")
    ScoreEventSink events(Map<String, ScoreEventSinkProvider> providers, ConnectorConfig config) {
        return requiredOne(providers, config.type(), "score event sink").create(config.settings());
    }

    /** A new, unstarted result source (single use). */
    @Provides
    ResultSource source(Map<String, ResultSourceProvider> providers, ConnectorConfig config) {
        return requiredOne(providers, config.type(), "result source").create(config.settings());
    }

    /** A new, unstarted follower of every engine's score announcements (single use). */
    @Provides
    ScoreEventSource scoreEvents(Map<String, ScoreEventSourceProvider> providers, ConnectorConfig config) {
        return requiredOne(providers, config.type(), "score event source").create(config.settings());
    }

    @Provides
    @Singleton
    ResultSink sink(Map<String, ResultSinkProvider> providers, ConnectorConfig config) {
        return requiredOne(providers, config.type(), "result sink").create(config.settings());
    }

    static <T> T requiredOne(Map<String, T> byType, String type, String what) {
        try {
            return ConnectorTypes.of(what, byType).get(type);
        } catch (ConnectorTypes.UnknownTypeException e) {
            throw new UsageException(e.getMessage());
        }
    }
}
