package io.steadfast.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.steadfast.app.Settings;
import io.steadfast.store.DefinitionStore;
import io.steadfast.store.HistoryStore;
import io.steadfast.store.Store;
import io.steadfast.store.TokenStore;
import jakarta.inject.Singleton;

/**
 * The store: the database named by the settings, with their user and password, else the embedded H2
 * database in the data directory, with the directory's own credential ({@link Store#defaultUrl}).
 * Opened on first use. Each of its aggregates' interfaces is the store.
 */
public final class StoreModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(DefinitionStore.class).to(Store.class);
        bind(HistoryStore.class).to(Store.class);
        bind(TokenStore.class).to(Store.class);
    }

    @Provides
    @Singleton
    Store store(Settings settings) {
        return settings.dbUrl() != null
                ? Store.open(settings.dbUrl(), settings.dbUser(), settings.dbPassword())
                : Store.open(Store.defaultUrl(settings.requireWritableDataDir()), null, null);
    }
}
