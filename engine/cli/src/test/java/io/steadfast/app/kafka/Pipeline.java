package io.steadfast.app.kafka;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.steadfast.app.Engine;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Settings;
import io.steadfast.app.ingest.IngestLoop;
import io.steadfast.cli.wiring.ConnectorsModule;
import io.steadfast.cli.wiring.IngestModule;
import io.steadfast.cli.wiring.KafkaClusterModule;
import io.steadfast.cli.wiring.SteadfastModule;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * Test helper: the engine with its production wiring on a running broker (an H2 store in
 * {@code dataDir}, one registered service {@code api}) and its ingest loop running.
 */
final class Pipeline implements AutoCloseable {

    final Injector injector;
    final Engine engine;
    final DefinitionService definitions;
    final IngestLoop ingest;

    Pipeline(EmbeddedKafka broker, Path dataDir) {
        this(broker, dataDir, null);
    }

    /** With the store at a JDBC URL ({@code --db-url}), or in {@code dataDir} when null. */
    Pipeline(EmbeddedKafka broker, Path dataDir, String dbUrl) {
        Path root = repositoryRoot();
        Settings settings = Settings.resolve(dataDir, dbUrl, root.resolve("test-suites"), root.resolve("scoring-rules"),
                Map.of());
        injector = Guice.createInjector(new SteadfastModule(settings, Clock.systemUTC()),
                new KafkaClusterModule(broker.bootstrapServers(), broker.clientPropertiesFile()), new ConnectorsModule(), new IngestModule());
        engine = injector.getInstance(Engine.class);
        definitions = injector.getInstance(DefinitionService.class);
        String service = """
                apiVersion: steadfast/v1
                kind: Service
                id: api
                team: core
                tier: tier-2
                environment: production
                instances: [{id: api-1, zone: a}]
                """;
        definitions.parseServices("api.yaml", service).forEach(s -> engine.registerService(s, service, ServiceOrigin.FILE));
        ingest = injector.getInstance(IngestLoop.class);
        ingest.start();
    }

    ResultSink sink() {
        return injector.getInstance(ResultSink.class);
    }

    static ResultEvent result(String id, String test, Instant finishedAt) {
        return new ResultEvent(ResultEvent.SCHEMA_VERSION, id, "api", "recommended", test, "", ResultStatus.PASSED,
                finishedAt.minusSeconds(60), finishedAt, "1.0.0", "production", "test", null, null, null);
    }

    @Override
    public void close() {
        ingest.stop();
        sink().close();
        engine.close();
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-suites"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
