package io.steadfast.store;

import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.internal.ResultCodec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** Stored results read straight from the database's blocks, for tests that count them across processes. */
public final class StoredResults {

    /** The number of stored results, as the blocks count them. */
    public static final String COUNT = "SELECT COALESCE(SUM(result_count), 0) FROM result_blocks";

    private StoredResults() {
    }

    /** The id of every stored result, once per time it is stored. */
    public static List<String> ids(Connection c) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rows = s.executeQuery("SELECT results FROM result_blocks")) {
            while (rows.next()) {
                ResultCodec.decode(rows.getBytes(1)).stream().map(ResultEvent::resultId).forEach(ids::add);
            }
        }
        return ids;
    }
}
