package io.steadfast.store.internal;

import io.steadfast.spi.result.ResultEvent;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Migration to version 6 of the store (see {@code db.migration.V6__Results_in_blocks}): from a row per
 * result ({@code results}, with its JSON payload) and a row per group ({@code latest_results}) to
 * blocks of results per service ({@code result_blocks}), the result log's head ({@code result_log}),
 * a row per service ({@code service_results}) and a row per latest set ({@code latest_results}, rebuilt
 * in a new shape); retractions get their service and lose their
 * foreign key to {@code results}. Each service's stored results become blocks of
 * {@link ResultDao#BLOCK_RESULTS} in the order they were received, and its latest counted results are
 * recomputed from them, as ingest would have left them. The SQL is portable (H2 2.x, PostgreSQL 15).
 */
public final class ResultsToBlocks {

    private static final List<String> SCHEMA = List.of(
            "CREATE TABLE result_blocks ("
                    + " id BIGINT NOT NULL,"
                    + " service VARCHAR(200) NOT NULL,"
                    + " received_at TIMESTAMP WITH TIME ZONE NOT NULL,"
                    + " result_count INTEGER NOT NULL,"
                    + " id_hashes BYTEA NOT NULL,"
                    + " results BYTEA NOT NULL,"
                    + " CONSTRAINT result_blocks_pk PRIMARY KEY (id))",
            "CREATE INDEX result_blocks_service_idx ON result_blocks (service, id)",
            "CREATE TABLE result_log ("
                    + " id INTEGER NOT NULL,"
                    + " last_block BIGINT NOT NULL,"
                    + " CONSTRAINT result_log_pk PRIMARY KEY (id))",
            "CREATE TABLE service_results ("
                    + " service VARCHAR(200) NOT NULL,"
                    + " result_count BIGINT NOT NULL,"
                    + " CONSTRAINT service_results_pk PRIMARY KEY (service))",
            "DROP TABLE latest_results",
            "CREATE TABLE latest_results ("
                    + " service VARCHAR(200) NOT NULL,"
                    + " source VARCHAR(200) NOT NULL,"
                    + " environment VARCHAR(200) NOT NULL,"
                    + " service_version VARCHAR(200) NOT NULL,"
                    + " version BIGINT NOT NULL,"
                    + " latest BYTEA NOT NULL,"
                    + " CONSTRAINT latest_results_pk PRIMARY KEY (service, source, environment, service_version))",
            "ALTER TABLE retractions ADD COLUMN service VARCHAR(200)",
            "UPDATE retractions SET service = (SELECT r.service FROM results r WHERE r.result_id = retractions.result_id)",
            "ALTER TABLE retractions ALTER COLUMN service SET NOT NULL",
            "ALTER TABLE retractions DROP CONSTRAINT retractions_result_fk",
            "CREATE INDEX retractions_service_idx ON retractions (service)");

    private ResultsToBlocks() {
    }

    public static void migrate(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : SCHEMA) {
                s.execute(sql);
            }
        }
        Set<String> retracted = new HashSet<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT result_id FROM retractions")) {
            while (rows.next()) {
                retracted.add(rows.getString(1));
            }
        }
        long head = 0;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT service, received_at, payload FROM results ORDER BY service, received_at, result_id")) {
            s.setFetchSize(1_000);
            try (ResultSet rows = s.executeQuery()) {
                Service service = null;
                while (rows.next()) {
                    String id = rows.getString(1);
                    if (service == null || !service.id.equals(id)) {
                        head = write(c, service, retracted, head);
                        service = new Service(id);
                    }
                    service.results.computeIfAbsent(Jdbc.getInstant(rows, "received_at"), at -> new ArrayList<>())
                            .add(ResultDao.parse(rows.getString(3)));
                }
                head = write(c, service, retracted, head);
            }
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO result_log (id, last_block) VALUES (1, ?)")) {
            s.setLong(1, head);
            s.executeUpdate();
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE results");
        }
    }

    /** One service's results, by the instant they were received. */
    private static final class Service {

        final String id;
        final Map<Instant, List<ResultEvent>> results = new LinkedHashMap<>();

        Service(String id) {
            this.id = id;
        }
    }

    private static long write(Connection c, Service service, Set<String> retracted, long head) throws SQLException {
        if (service == null) {
            return head;
        }
        long block = head;
        List<ResultEvent> counted = new ArrayList<>();
        long count = 0;
        for (Map.Entry<Instant, List<ResultEvent>> received : service.results.entrySet()) {
            block = ResultDao.writeBlocks(c, block, ResultDao.Block.of(service.id, received.getValue()),
                    received.getKey());
            count += received.getValue().size();
            received.getValue().stream().filter(r -> !retracted.contains(r.resultId())).forEach(counted::add);
        }
        ResultDao.addCounts(c, Map.of(service.id, count));
        ResultDao.insertLatest(c, counted);
        return block;
    }
}
