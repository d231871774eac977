package io.steadfast.app.ingest;

import io.steadfast.app.Engine;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.IngestOutcome;
import java.util.List;
import java.util.Optional;

/**
 * Where ingested results are stored: the engine, in production. A seam so that tests can put a
 * failing store in between.
 */
public interface IngestTarget {

    /**
     * Stores a batch in one transaction, idempotently by result id; its scores follow at the engine's next
     * fold (see {@link IngestLoop}).
     *
     * @throws io.steadfast.store.StoreUnavailableException when the store is down for now (nothing was stored)
     */
    IngestOutcome store(List<ResultEvent> results);

    /** The result stored under an id. */
    Optional<ResultEvent> stored(String resultId);

    static IngestTarget of(Engine engine) {
        return new IngestTarget() {
            @Override
            public IngestOutcome store(List<ResultEvent> results) {
                return engine.ingest(results);
            }

            @Override
            public Optional<ResultEvent> stored(String resultId) {
                return engine.store().result(resultId);
            }
        };
    }
}
