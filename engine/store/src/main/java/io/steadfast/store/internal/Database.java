package io.steadfast.store.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import io.steadfast.logging.Secrets;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.store.StoreException;
import io.steadfast.store.StoreUnavailableException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.util.Set;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The connection pool, the migrations and the one way to run work: a transaction per call, with the
 * SQL errors translated into "give up" ({@link StoreException}) or "try again"
 * ({@link StoreUnavailableException}). Thread-safe.
 */
public final class Database implements AutoCloseable {

    /** Work done inside one transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private static final int ATTEMPTS = 4;
    private static final String UNIQUE_VIOLATION = "23505";
    // H2: 90067 connection broken, 90098 database closed, 90121 database closed by its server's shutdown
    // (a TCP server stopped under a session), 90020 file in use, HYT00 lock timeout
    private static final Set<String> H2_RETRIABLE = Set.of("90067", "90098", "90121", "90020", "HYT00");
    private static final Set<String> H2_BROKEN = Set.of("90067", "90098", "90121");

    private final HikariDataSource dataSource;

    private Database(HikariDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Opens a pool on the URL and migrates the schema; closes the pool again if migration fails. */
    public static Database open(String jdbcUrl, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName("steadfast-store");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(1);
        config.setAutoCommit(false);
        config.setConnectionTimeout(10_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (HikariPool.PoolInitializationException e) {
            throw translate("cannot open database '" + redact(jdbcUrl) + "'", e.getCause() != null ? e.getCause() : e);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open database '" + redact(jdbcUrl) + "': " + e.getMessage(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            dataSource.close();
            Throwable sql = e;
            while (sql != null && !(sql instanceof SQLException)) {
                sql = sql.getCause();
            }
            if (sql != null && isRetriable((SQLException) sql)) {
                throw new StoreUnavailableException("cannot migrate database '" + redact(jdbcUrl) + "': "
                        + e.getMessage(), e);
            }
            throw new StoreException("cannot migrate database '" + redact(jdbcUrl) + "': " + e.getMessage(), e);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
        return new Database(dataSource);
    }

    /**
     * Runs work in one transaction and commits it; rolls back on any failure. With
     * {@code retryOnUniqueViolation}, a unique-key violation is taken as a race with a concurrent
     * writer (the work checks before it inserts) and the whole transaction is run again.
     */
    public <T> T inTransaction(String what, boolean retryOnUniqueViolation, Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                try {
                    T result = work.run(connection);
                    connection.commit();
                    return result;
                } catch (SQLException | RuntimeException e) {
                    rollbackQuietly(connection, e);
                    if (e instanceof SQLException sql && isBroken(sql)) {
                        // else the pool hands it out again at once, and it fails again, until it idles long enough to be tested
                        dataSource.evictConnection(connection);
                    }
                    throw e;
                }
            } catch (SQLException e) {
                boolean race = retryOnUniqueViolation && UNIQUE_VIOLATION.equals(e.getSQLState());
                if ((race || isRetriableConflict(e)) && attempt < ATTEMPTS) {
                    continue;
                }
                throw translate(what, e);
            }
        }
    }

    /** Runs work in one transaction, retrying nothing but transient lock conflicts. */
    public <T> T inTransaction(String what, Work<T> work) {
        return inTransaction(what, false, work);
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * A failure as the caller sees it: {@link StoreUnavailableException} when trying again may help,
     * {@link StoreException} otherwise.
     */
    public static SteadfastException translate(String what, Throwable e) {
        String message = what + " failed: " + e.getMessage();
        if (e instanceof SQLException sql && isRetriable(sql)) {
            return new StoreUnavailableException(message, e);
        }
        return new StoreException(message, e);
    }

    /**
     * Whether trying again may help: by the failure's own state, or by its rollback's. A database
     * server stopped while a statement runs may fail the statement with a general error (H2: the
     * transaction "has status ROLLED_BACK"); the rollback then finds the database closed.
     */
    static boolean isRetriable(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (isRetriableItself(t)) {
                return true;
            }
            for (Throwable suppressed : t.getSuppressed()) {
                if (isRetriableItself(suppressed)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isRetriableItself(Throwable t) {
        if (t instanceof SQLTransientException) {
            return true;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            return state != null && (state.startsWith("08") || H2_RETRIABLE.contains(state) || isRetriableConflict(sql));
        }
        return false;
    }

    /** Whether the connection itself is lost: the database is unreachable or was closed under it. */
    private static boolean isBroken(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || H2_BROKEN.contains(sql.getSQLState()))) {
                return true;
            }
        }
        return false;
    }

    // serialization failure, deadlock (both vendors; H2 reports lock timeouts as HYT00)
    private static boolean isRetriableConflict(SQLException e) {
        String state = e.getSQLState();
        return "40001".equals(state) || "40P01".equals(state) || "HYT00".equals(state);
    }

    private static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static String redact(String jdbcUrl) {
        return Secrets.mask(jdbcUrl);
    }
}
