package io.steadfast.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.store.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class DatabaseTest {

    @Test
    void shouldTreatConnectionFailuresAsRetriable() {
        assertThat(Database.translate("x", new SQLException("refused", "08001")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(Database.translate("x", new SQLTransientConnectionException("pool timeout")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(Database.translate("x", new SQLException("deadlock", "40P01")))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void shouldTreatH2ServerGoingAwayAsRetriable() {
        // what a stopped H2 TCP server gives its sessions (StoreOutageIntegrationTest)
        assertThat(Database.translate("x", new SQLException("Connection is broken: \"session closed\"", "90067")))
                .isInstanceOf(StoreUnavailableException.class);
        assertThat(Database.translate("x", new SQLException("Database is already closed (to disable automatic"
                + " closing at VM shutdown, add \";DB_CLOSE_ON_EXIT=FALSE\" to the db URL)", "90121")))
                .isInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void shouldTreatAFailureWhoseRollbackFoundTheDatabaseClosedAsRetriable() {
        // a statement running when the H2 server stops (StoreOutageIntegrationTest under load)
        SQLException failure = new SQLException("General error: \"Transaction 1 has status ROLLED_BACK, not OPEN\"",
                "HY000", 50000);
        failure.addSuppressed(new SQLException("Database is already closed", "90121"));
        assertThat(Database.translate("storing", failure)).isInstanceOf(StoreUnavailableException.class);
        assertThat(Database.translate("storing", new SQLException("General error", "HY000", 50000)))
                .isNotInstanceOf(StoreUnavailableException.class);
    }

    @Test
    void shouldTreatDataErrorsAsFinal() {
        assertThat(Database.translate("storing", new SQLException("value too long", "22001")))
                .isNotInstanceOf(StoreUnavailableException.class)
                .hasMessage("storing failed: value too long")
                .hasCauseInstanceOf(SQLException.class);
    }
}
