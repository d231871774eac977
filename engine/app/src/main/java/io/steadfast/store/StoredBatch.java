package io.steadfast.store;

import io.steadfast.spi.result.ResultEvent;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@link Store#storeBatch} did with a batch, and the scoring inputs it leaves behind.
 *
 * @param outcome what was stored, duplicated or conflicting
 * @param latest  per service of the batch (every one a key), its latest counted results as they stood
 *                when the batch committed, in the order of {@link Store#latestCountedResults(java.util.Collection)}
 */
public record StoredBatch(IngestOutcome outcome, Map<String, List<ResultEvent>> latest) {

    public StoredBatch {
        Map<String, List<ResultEvent>> copy = new LinkedHashMap<>();
        latest.forEach((service, rows) -> copy.put(service, List.copyOf(rows)));
        latest = Collections.unmodifiableMap(copy);
    }
}
