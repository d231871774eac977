package io.steadfast.store;

import static io.steadfast.store.Results.T0;
import static io.steadfast.store.Results.event;
import static io.steadfast.store.Results.result;
import static io.steadfast.spi.result.ResultStatus.DEGRADED;
import static io.steadfast.spi.result.ResultStatus.ERROR;
import static io.steadfast.spi.result.ResultStatus.FAILED;
import static io.steadfast.spi.result.ResultStatus.PASSED;
import static io.steadfast.spi.result.ResultStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.internal.BulkLoader;
import io.steadfast.store.internal.Database;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every test runs on the embedded H2 database and on a real PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class BulkLoaderIntegrationTest {

    @Parameter
    TestDatabase database;

    private static final Instant RECEIVED = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path ingested;

    @TempDir
    Path loaded;

    private static final int PER_TRANSACTION = 300;

    /** One result per group, across several loader transactions, every status, absent and empty fields. */
    private static List<ResultEvent> results() {
        List<ResultEvent> results = new ArrayList<>();
        var statuses = List.of(PASSED, FAILED, DEGRADED, ERROR, SKIPPED);
        for (int i = 0; results.size() < 3 * PER_TRANSACTION + 7; i++) {
            String service = "svc-" + (i % 97);
            results.add(event("r" + i, service, "dependency-failure", "dep-" + i, statuses.get(i % 5),
                    T0.plusNanos(i), i % 7 == 0 ? null : "runner", i % 11 == 0 ? "" : "prod", null));
        }
        return results;
    }

    @Test
    void shouldLeaveTheStoreAsIngestWould() {
        List<ResultEvent> results = results();
        PostgresServer.Target ingestedDb = database.create(ingested);
        PostgresServer.Target loadedDb = database.create(loaded);
        try (Store store = ingestedDb.open()) {
            for (int from = 0; from < results.size(); from += 100) {
                store.storeResults(results.subList(from, Math.min(results.size(), from + 100)), RECEIVED);
            }
        }
        try (Database db = Database.open(loadedDb.url(), loadedDb.user(), loadedDb.password())) {
            assertThat(BulkLoader.load(db, results.iterator(), RECEIVED, PER_TRANSACTION)).isEqualTo(results.size());
        }

        try (Store expected = ingestedDb.open(); Store actual = loadedDb.open()) {
            assertThat(actual.latestCountedResults(List.of())).isEqualTo(expected.latestCountedResults(List.of()))
                    .isNotEmpty();
            for (String service : results.stream().map(ResultEvent::service).distinct().toList()) {
                assertThat(actual.results(service)).as(service).isEqualTo(expected.results(service)).isNotEmpty();
                assertThat(actual.resultCount(service)).as(service).isEqualTo(expected.resultCount(service));
            }
        }
    }

    @Test
    void shouldSkipResultsAlreadyStored() {
        PostgresServer.Target loadedDb = database.create(loaded);
        List<ResultEvent> results = results();
        try (Database db = Database.open(loadedDb.url(), loadedDb.user(), loadedDb.password())) {
            BulkLoader.load(db, results.iterator(), RECEIVED, PER_TRANSACTION);

            assertThat(BulkLoader.load(db, results.iterator(), RECEIVED, PER_TRANSACTION)).isZero();
        }
        try (Store store = loadedDb.open()) {
            assertThat(store.resultCount("svc-0")).isEqualTo(results.stream().filter(r -> r.service().equals("svc-0")).count());
        }
    }
}
