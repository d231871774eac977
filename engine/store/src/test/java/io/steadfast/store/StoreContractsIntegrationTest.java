package io.steadfast.store;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** The store does what each of its aggregates' contracts says, on the embedded H2 database and on a real PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StoreContractsIntegrationTest {

    @Parameter
    TestDatabase database;

    @TempDir
    Path dataDir;

    private Store store;

    @BeforeEach
    void open() {
        PostgresServer.Target target = database.create(dataDir);
        store = Store.open(target.url(), target.user(), target.password(), new SplittableRandom(42));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Nested
    class Definitions extends DefinitionStoreContract {
        @Override
        protected DefinitionStore store() {
            return store;
        }
    }

    @Nested
    class History extends HistoryStoreContract {
        @Override
        protected HistoryStore store() {
            return store;
        }
    }

    @Nested
    class Tokens extends TokenStoreContract {
        @Override
        protected TokenStore store() {
            return store;
        }
    }
}
