package io.steadfast.store;

import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.time.Instant;

/** Test data: result events with sensible defaults. */
final class Results {

    static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private Results() {
    }

    static ResultEvent result(String id, String service, String test, ResultStatus status, Instant finishedAt) {
        return event(id, service, test, "", status, finishedAt, "steadfast-runner", "staging", "1.0.0");
    }

    static ResultEvent event(String id, String service, String test, String target, ResultStatus status,
                             Instant finishedAt, String source, String environment, String version) {
        return new ResultEvent(ResultEvent.SCHEMA_VERSION, id, service, "recommended", test, target, status,
                finishedAt.minusSeconds(300), finishedAt, version, environment, source, "run-1",
                new Measurements(1200L, 8400L, 58, 60), "message of " + id);
    }
}
