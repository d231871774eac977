package io.steadfast.store;

import java.nio.file.Path;

/** The databases every store test runs against: the embedded H2 file database and a real PostgreSQL. */
public enum TestDatabase {

    H2 {
        @Override
        public PostgresServer.Target create(Path dataDir) {
            return new PostgresServer.Target(Store.defaultUrl(dataDir), null, null);
        }
    },
    POSTGRESQL {
        @Override
        public PostgresServer.Target create(Path dataDir) {
            return PostgresServer.shared().newDatabase();
        }
    };

    /** A new, empty database: H2's file under {@code dataDir}, or a new database on the shared PostgreSQL server. */
    public abstract PostgresServer.Target create(Path dataDir);
}
