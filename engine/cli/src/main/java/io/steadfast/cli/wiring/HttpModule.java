package io.steadfast.cli.wiring;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.OptionalBinder;
import com.google.inject.name.Named;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Engine;
import io.steadfast.app.GateService;
import io.steadfast.app.Settings;
import io.steadfast.app.runs.RunService;
import io.steadfast.results.ResultReader;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.http.HttpServer;
import io.steadfast.http.HttpSettings;
import io.steadfast.http.Readiness;
import io.steadfast.http.Tokens;
import io.steadfast.http.internal.ApiRoutes;
import io.steadfast.http.internal.BrokerProbe;
import io.steadfast.http.internal.EngineReadiness;
import io.steadfast.spi.ResultSink;
import io.steadfast.store.Store;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;

/**
 * The HTTP server ({@code http} lifecycle) with its API, tokens, readiness checks and the Prometheus
 * registry every meter of the process goes to. Needs the connectors (a result sink and a broker
 * configuration) and the runner's module. Creating it has no side effect: the server starts when
 * its lifecycle does.
 */
public final class HttpModule extends AbstractModule {

    private final HttpSettings settings;

    public HttpModule(HttpSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(HttpSettings.class).toInstance(settings);
        OptionalBinder.newOptionalBinder(binder(), MeterRegistry.class).setBinding().to(PrometheusMeterRegistry.class);
    }

    @Provides
    @Singleton
    PrometheusMeterRegistry registry() {
        return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    @Provides
    @Singleton
    BrokerProbe brokerProbe(ConnectorConfig connector) {
        return new BrokerProbe(connector.settings());
    }

    @Provides
    @Singleton
    Readiness readiness(Store store, BrokerProbe broker, Engine engine) {
        return new EngineReadiness(store, broker, engine.foldHealth());
    }

    @Provides
    @Singleton
    HttpServer server(HttpSettings settings, Tokens tokens, Engine engine, DefinitionService definitions,
                      GateService gates, ResultSink sink, Provider<RunService> runs,
                      Settings engineSettings, ResultReader reader, PrometheusMeterRegistry registry,
                      Readiness readiness) {
        ApiRoutes api = new ApiRoutes(engine, definitions, gates, sink, reader, runs, engineSettings, registry);
        return new HttpServer(settings, tokens, api, registry, readiness);
    }

    @Provides
    @Singleton
    @Named("http")
    Lifecycle lifecycle(HttpServer server, BrokerProbe broker) {
        return Lifecycle.of(server.name(), server::start, () -> {
            try {
                server.stop();
            } finally {
                broker.close();
            }
        });
    }
}
