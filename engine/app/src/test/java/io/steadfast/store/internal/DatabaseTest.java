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
    void shouldTreatDataErrorsAsFinal() {
        assertThat(Database.translate("storing", new SQLException("value too long", "22001")))
                .isNotInstanceOf(StoreUnavailableException.class)
                .hasMessage("storing failed: value too long")
                .hasCauseInstanceOf(SQLException.class);
    }
}
