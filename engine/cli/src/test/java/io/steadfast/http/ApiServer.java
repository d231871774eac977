package io.steadfast.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import io.steadfast.app.Engine;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Settings;
import io.steadfast.app.ingest.IngestLoop;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.cli.wiring.ConnectorsModule;
import io.steadfast.cli.wiring.HttpModule;
import io.steadfast.cli.wiring.IngestModule;
import io.steadfast.cli.wiring.KafkaClusterModule;
import io.steadfast.cli.wiring.RunnerModule;
import io.steadfast.cli.wiring.SteadfastModule;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.json.Json;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.spi.ResultSink;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP API on a real server (free port) with the production wiring, for integration tests: an
 * embedded Kafka broker, ingest and the store, called with a real HTTP client and real tokens.
 */
final class ApiServer implements AutoCloseable {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    record Response(int status, String body, HttpHeaders headers) {
        JsonNode json() throws IOException {
            return Json.mapper().readTree(body);
        }
    }

    final EmbeddedKafka broker;
    final Injector injector;
    final Engine engine;
    final DefinitionService definitions;
    final String base;
    private final IngestLoop ingest;
    private final Lifecycle http;

    private ApiServer(EmbeddedKafka broker, Injector injector) {
        this.broker = broker;
        this.injector = injector;
        this.engine = injector.getInstance(Engine.class);
        this.definitions = injector.getInstance(DefinitionService.class);
        this.ingest = injector.getInstance(IngestLoop.class);
        this.http = injector.getInstance(Key.get(Lifecycle.class, Names.named("http")));
        ingest.start();
        http.start();
        this.base = "http://127.0.0.1:" + injector.getInstance(HttpServer.class).port();
    }

    /**
     * Starts a broker under {@code dir}, and the engine on {@code dbUrl} (null: H2 in {@code dir}) with
     * the repository's definitions and {@code env} as its environment.
     */
    static ApiServer start(Path dir, String dbUrl, Map<String, String> env) {
        EmbeddedKafka.throwInsteadOfHalting();
        EmbeddedKafka broker = EmbeddedKafka.onFreePort(dir.resolve("kafka"));
        broker.start();
        Path root = HttpApiIntegrationTest.repositoryRoot();
        Settings settings = Settings.resolve(dir.resolve("data"), dbUrl, root.resolve("test-suites"),
                root.resolve("scoring-rules"), env);
        return new ApiServer(broker, Guice.createInjector(new SteadfastModule(settings, Clock.systemUTC()),
                new KafkaClusterModule(broker.bootstrapServers(), broker.clientPropertiesFile()), new ConnectorsModule(),
                new IngestModule(), new RunnerModule(Map.of()), new HttpModule(new HttpSettings("127.0.0.1", 0))));
    }

    /** Registers a Service document as an admin's file would. */
    void registerFromFile(String id, String yaml) {
        definitions.parseServices(id + ".yaml", yaml).forEach(d -> engine.registerService(d, yaml, ServiceOrigin.FILE));
    }

    String token(Role role, String team) {
        return injector.getInstance(Tokens.class).create(role, team).token();
    }

    /** A request with {@code token} (null: none) and {@code body} (null: none). */
    Response call(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Response(response.statusCode(), response.body(), response.headers());
    }

    @Override
    public void close() {
        try {
            http.stop();
            ingest.stop();
            injector.getInstance(ResultSink.class).close();
            engine.close();
        } finally {
            broker.stop();
        }
    }
}
