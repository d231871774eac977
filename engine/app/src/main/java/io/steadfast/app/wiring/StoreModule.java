package io.steadfast.app.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.steadfast.app.Settings;
import io.steadfast.store.Store;
import jakarta.inject.Singleton;

/** The store: the database named by the settings, else the embedded H2 database in the data directory. Opened on first use. */
public final class StoreModule extends AbstractModule {

    @Provides
    @Singleton
    Store store(Settings settings) {
        String url = settings.dbUrl() != null ? settings.dbUrl() : Store.defaultUrl(settings.requireWritableDataDir());
        return Store.open(url, settings.dbUser(), settings.dbPassword());
    }
}
