package io.steadfast.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.steadfast.app.Engine;
import io.steadfast.app.ingest.IngestLoop;
import io.steadfast.app.ingest.IngestTarget;
import io.steadfast.app.ingest.ResultIngestHandler;
import io.steadfast.app.ingest.ScoreFeed;
import io.steadfast.results.ResultReader;
import io.steadfast.spi.ResultSource;
import io.steadfast.spi.ScoreEventSource;
import jakarta.inject.Singleton;

/**
 * The ingest loop (the configured result source feeding the engine) and the score feed (every engine's
 * announcements keeping this one's cache current). Needs {@link ConnectorsModule}.
 */
public final class IngestModule extends AbstractModule {

    @Provides
    @Singleton
    IngestLoop ingestLoop(ResultSource source, Engine engine) {
        return new IngestLoop(source, new ResultIngestHandler(new ResultReader(), IngestTarget.of(engine)));
    }

    @Provides
    @Singleton
    ScoreFeed scoreFeed(ScoreEventSource source, Engine engine) {
        return new ScoreFeed(source, engine);
    }
}
