package io.steadfast.store.internal;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The few statements that differ between H2 and PostgreSQL; everything else, migrations included,
 * is portable SQL.
 */
enum Dialect {

    /**
     * Reads a whole table in pages along H2's internal row id: H2 stores a table with a composite
     * primary key by row id, so this walks its rows in storage order, page after page, with no index
     * lookup per row; and, unlike one plain {@code SELECT}, it never buffers a large result in a
     * temporary file before returning its first row.
     */
    H2 {
        @Override
        String scanPage(String select) {
            return select + ", _ROWID_ FROM latest_results WHERE _ROWID_ > ? ORDER BY _ROWID_ FETCH FIRST "
                    + SCAN_PAGE + " ROWS ONLY";
        }
    },

    /** Streams one plain {@code SELECT} through a cursor (a fetch size, outside auto-commit). */
    POSTGRESQL {
        @Override
        String scanPage(String select) {
            return null;
        }
    };

    static final int SCAN_PAGE = 20_000;

    static Dialect of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        return product.contains("h2") ? H2 : POSTGRESQL;
    }

    /**
     * The query of one page of a full scan of {@code latest_results}, given the select list
     * ({@code "SELECT a, b"}), with the last row id seen as its parameter and the row id as its last
     * column; null when the dialect streams a plain {@code SELECT} instead.
     */
    abstract String scanPage(String select);
}
