package io.steadfast.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.steadfast.app.Settings;
import io.steadfast.store.Store;
import jakarta.inject.Singleton;

/**
 * The store: the database named by the settings, with their user and password, else the embedded H2
 * database in the data directory, with the directory's own credential ({@link Store#defaultUrl}).
 * Opened on first use.
 */
public final class StoreModule extends AbstractModule {

    @Provides
    @Singleton
    Store store(Settings settings) {
        return settings.dbUrl() != null
                ? Store.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword())
                : Store.open(Store.defaultUrl(settings.requireWritableDataDir()), null, null);
    }
}
