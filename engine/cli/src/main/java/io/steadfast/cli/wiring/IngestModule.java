package io.steadfast.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steadfast.app.Engine;
import io.steadfast.app.ingest.IngestLoop;
import io.steadfast.app.ingest.IngestMetrics;
import io.steadfast.app.ingest.IngestTarget;
import io.steadfast.app.ingest.ResultIngestHandler;
import io.steadfast.app.ingest.ScoreFeed;
import io.steadfast.app.tick.HourlyTick;
import io.steadfast.results.ResultReader;
import io.steadfast.spi.ResultSource;
import io.steadfast.spi.ScoreEventSource;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.concurrent.Executors;

/**
 * The ingest loop (the configured result source feeding the engine, counted in the bound
 * {@link MeterRegistry}: an in-memory one unless the HTTP module binds the Prometheus registry) and
 * the score feed (every engine's announcements keeping this one's cache current), and the hourly tick
 * (the scores time alone moves, recorded and announced; on a thread of its own). Needs
 * {@link ConnectorsModule}.
 */
public final class IngestModule extends AbstractModule {

    @Override
    protected void configure() {
        OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class).setDefault().to(SimpleMeterRegistry.class);
    }

    @Provides
    @Singleton
    SimpleMeterRegistry inMemoryRegistry() {
        return new SimpleMeterRegistry();
    }

    @Provides
    @Singleton
    IngestLoop ingestLoop(ResultSource source, Engine engine, ResultReader reader, MeterRegistry registry, Clock clock) {
        IngestMetrics metrics = new IngestMetrics(registry, source);
        return new IngestLoop(source, metrics.counting(
                new ResultIngestHandler(reader, metrics.counting(IngestTarget.of(engine)))), engine::fold, clock);
    }

    @Provides
    @Singleton
    ScoreFeed scoreFeed(ScoreEventSource source, Engine engine) {
        return new ScoreFeed(source, engine);
    }

    @Provides
    @Singleton
    HourlyTick hourlyTick(Engine engine, Clock clock, MeterRegistry registry) {
        return new HourlyTick(engine, clock, Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "steadfast-tick");
            thread.setDaemon(true);
            return thread;
        }), registry);
    }
}
