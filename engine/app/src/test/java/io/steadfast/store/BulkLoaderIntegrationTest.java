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
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.internal.BulkLoader;
import io.steadfast.store.internal.Database;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
    void shouldLeaveTheStoreAsIngestWould() throws SQLException {
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

        for (String table : List.of("results", "latest_results")) {
            assertThat(dump(loadedDb, table)).as(table).isEqualTo(dump(ingestedDb, table)).isNotEmpty();
        }
    }

    @Test
    void shouldRefuseASecondCountedResultOfAGroup() {
        PostgresServer.Target loadedDb = database.create(loaded);
        try (Database db = Database.open(loadedDb.url(), loadedDb.user(), loadedDb.password())) {
            BulkLoader.load(db, List.of(result("r1", "checkout", "cpu", PASSED, T0)).iterator(), RECEIVED);

            assertThatThrownBy(() -> BulkLoader.load(db,
                    List.of(result("r2", "checkout", "cpu", FAILED, T0.plusSeconds(1))).iterator(), RECEIVED))
                    .isInstanceOf(StoreException.class)
                    .hasMessageContaining("bulk loading 1 result(s) failed");
        }
    }

    /** Every row of a table, every column, in key order. */
    private static List<String> dump(PostgresServer.Target db, String table) throws SQLException {
        String order = table.equals("results") ? "result_id"
                : "service, suite, test, target, source, environment, service_version";
        List<String> rows = new ArrayList<>();
        try (Connection c = db.connect();
             Statement s = c.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM " + table + " ORDER BY " + order)) {
            int columns = r.getMetaData().getColumnCount();
            while (r.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(r.getMetaData().getColumnName(i)).append('=').append(r.getString(i)).append(';');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }
}
