package io.steadfast.store.memory;

import io.steadfast.store.DefinitionStore;
import io.steadfast.store.DefinitionStoreContract;
import io.steadfast.store.HistoryStore;
import io.steadfast.store.HistoryStoreContract;
import io.steadfast.store.TokenStore;
import io.steadfast.store.TokenStoreContract;
import org.junit.jupiter.api.Nested;

/** The in-memory stores do what the store does (the contracts StoreContractsIntegrationTest runs on H2 and PostgreSQL). */
class InMemoryStoresTest {

    @Nested
    class Definitions extends DefinitionStoreContract {
        @Override
        protected DefinitionStore store() {
            return new InMemoryDefinitionStore();
        }
    }

    @Nested
    class History extends HistoryStoreContract {
        @Override
        protected HistoryStore store() {
            return new InMemoryHistoryStore();
        }
    }

    @Nested
    class Tokens extends TokenStoreContract {
        @Override
        protected TokenStore store() {
            return new InMemoryTokenStore();
        }
    }
}
