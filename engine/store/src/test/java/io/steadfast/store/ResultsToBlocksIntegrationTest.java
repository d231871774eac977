package io.steadfast.store;

import static io.steadfast.spi.result.ResultStatus.ERROR;
import static io.steadfast.spi.result.ResultStatus.FAILED;
import static io.steadfast.spi.result.ResultStatus.PASSED;
import static io.steadfast.store.Results.T0;
import static io.steadfast.store.Results.event;
import static io.steadfast.store.Results.result;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.json.Json;
import io.steadfast.spi.result.ResultEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A store of version 5 (a row per result) migrated to version 6 (results in blocks), and on to the
 * current version (7: the fold cursor), holds the same results, retractions and latest counted
 * results as a store that took the same results and retraction from the start, with nothing left to
 * fold. Runs on the embedded H2 database and on a real PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ResultsToBlocksIntegrationTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-26T12:00:00Z");

    @Parameter
    TestDatabase database;

    @TempDir
    Path migratedDir;

    @TempDir
    Path freshDir;

    @Test
    void shouldKeepEveryResultRetractionAndLatestResultThroughTheMigration() throws Exception {
        List<ResultEvent> results = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) { // more than one block of a service
            results.add(event("r" + i, "svc-" + (i % 3), "cpu-" + (i % 40), i % 2 == 0 ? "" : "dep",
                    i % 5 == 0 ? ERROR : i % 3 == 0 ? FAILED : PASSED, T0.plusSeconds(i % 977), i % 7 == 0 ? null : "runner",
                    "prod", i % 11 == 0 ? null : "1.0." + (i % 2)));
        }
        ResultEvent retracted = result("newest", "svc-0", "cpu-0", PASSED, T0.plusSeconds(10_000));
        results.add(retracted);
        PostgresServer.Target migrated = database.create(migratedDir);
        Flyway.configure().dataSource(migrated.url(), migrated.user(), migrated.password())
                .locations("classpath:db/migration").target("5").load().migrate();
        try (Connection c = migrated.connect()) {
            c.setAutoCommit(false);
            insertVersion5(c, results);
            c.commit();
        }
        PostgresServer.Target fresh = database.create(freshDir);
        try (Store store = fresh.open()) {
            for (int from = 0; from < results.size(); from += 500) {
                store.storeResults(results.subList(from, Math.min(results.size(), from + 500)), RECEIVED);
            }
            store.retract("newest", "bad probe", "alice", RECEIVED.plusSeconds(1));
        }

        try (Store expected = fresh.open(); Store actual = migrated.open()) {
            assertThat(actual.foldLag()).as("blocks not folded after the migration").isZero();
            assertThat(actual.latestCountedResults(List.of())).isEqualTo(expected.latestCountedResults(List.of()));
            for (String service : List.of("svc-0", "svc-1", "svc-2")) {
                assertThat(actual.results(service)).as(service).isEqualTo(expected.results(service)).hasSizeGreaterThan(800);
                assertThat(actual.resultCount(service)).as(service).isEqualTo(expected.resultCount(service));
            }
            assertThat(actual.retractedIds("svc-0")).containsExactly("newest");
            assertThat(actual.result("r42")).contains(results.get(42));
            IngestOutcome again = actual.storeResults(List.of(results.get(7), changed(results.get(8))), RECEIVED);
            assertThat(again.stored()).isZero();
            assertThat(again.duplicates()).isEqualTo(1);
            assertThat(again.conflicts()).extracting(IngestOutcome.Conflict::resultId).containsExactly("r8");
        }
    }

    private static ResultEvent changed(ResultEvent e) {
        return new ResultEvent(e.schemaVersion(), e.resultId(), e.service(), e.suite(), e.test(), e.target(), e.status(),
                e.startedAt(), e.finishedAt(), e.serviceVersion(), e.environment(), e.source(), e.runId(),
                e.measurements(), "another message");
    }

    /** The rows version 5 wrote: a row per result with its JSON payload, and one retraction. */
    private static void insertVersion5(Connection c, List<ResultEvent> results) throws Exception {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO results (result_id, service, suite, test, target,"
                + " source, environment, service_version, status, finished_at, received_at, payload)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (ResultEvent e : results) {
                s.setString(1, e.resultId());
                s.setString(2, e.service());
                s.setString(3, e.suite());
                s.setString(4, e.test());
                s.setString(5, e.target());
                s.setString(6, e.source());
                s.setString(7, e.environment());
                s.setString(8, e.serviceVersion());
                s.setString(9, e.status().name());
                s.setObject(10, e.finishedAt().atOffset(ZoneOffset.UTC));
                s.setObject(11, RECEIVED.atOffset(ZoneOffset.UTC));
                s.setString(12, Json.mapper().writeValueAsString(e));
                s.addBatch();
            }
            s.executeBatch();
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO retractions (result_id, reason, retracted_by,"
                + " retracted_at) VALUES ('newest', 'bad probe', 'alice', ?)")) {
            s.setObject(1, RECEIVED.plusSeconds(1).atOffset(ZoneOffset.UTC));
            s.executeUpdate();
        }
    }
}
