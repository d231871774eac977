package io.steadfast.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.Observation;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class HttpHealthCheckIntegrationTest {

    private static HttpServer server;
    private static ExecutorService executor;
    private static String base;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/ok", exchange -> answer(exchange, 200, "{\"status\":\"UP\",\"checks\":{\"db\":{\"state\":\"ok\"}}}"));
        server.createContext("/down", exchange -> answer(exchange, 503, "{\"status\":\"DOWN\"}"));
        server.createContext("/text", exchange -> answer(exchange, 200, "all good"));
        server.createContext("/slow", exchange -> {
            // The path's query is the delay in ms: the server is slow, nothing waits on it.
            long delay = Long.parseLong(exchange.getRequestURI().getQuery());
            try {
                Thread.sleep(delay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            answer(exchange, 200, "{\"status\":\"UP\"}");
        });
        server.start();
        base = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
        executor.shutdownNow();
    }

    @Test
    void aFastExpectedStatusIsHealthy() {
        Observation observation = observe(timed(base + "/ok", Duration.ofSeconds(2), Duration.ofSeconds(5)));

        assertThat(observation.health()).isEqualTo(Health.HEALTHY);
        assertThat(observation.detail()).matches("200 in \\d+ ms");
    }

    @Test
    void anotherStatusIsUnhealthy() {
        Observation observation = observe(timed(base + "/down", null, null));

        assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(observation.detail()).matches("503 in \\d+ ms, expected 200");
    }

    @Test
    void theExpectedStatusMayBeAnother() {
        HealthCheckSpec spec = new HealthCheckSpec("http", base + "/down", null, 503, null, null, null, null, null);

        assertThat(observe(spec).health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void slowerThanWarnLatencyButWithinMaxLatencyIsAWarning() {
        Observation observation = observe(timed(base + "/slow?600", Duration.ofMillis(200), Duration.ofSeconds(5)));

        assertThat(observation.health()).isEqualTo(Health.WARNING);
        assertThat(observation.latency()).isGreaterThanOrEqualTo(Duration.ofMillis(600));
        assertThat(observation.detail()).matches("200 in \\d+ ms, over warnLatency 200 ms");
    }

    @Test
    void slowerThanMaxLatencyIsUnhealthyAndCutShort() {
        long start = System.nanoTime();
        Observation observation = observe(timed(base + "/slow?4000", null, Duration.ofMillis(500)));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(observation.detail()).isEqualTo("timed out after 500 ms");
        assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofMillis(2500));
    }

    @Test
    void aMatchingNestedJsonFieldIsHealthy() {
        Observation observation = observe(json(base + "/ok", "checks.db.state", "ok"));

        assertThat(observation.health()).isEqualTo(Health.HEALTHY);
    }

    @Test
    void aJsonFieldWithAnotherValueIsUnhealthy() {
        HealthCheckSpec spec = new HealthCheckSpec("http", base + "/down", null, 503, null, null, null, "status", "UP");

        Observation observation = observe(spec);

        assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(observation.detail()).endsWith("jsonField status was 'DOWN', expected 'UP'");
    }

    @Test
    void aMissingJsonFieldIsUnhealthy() {
        Observation observation = observe(json(base + "/ok", "checks.cache.state", "ok"));

        assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(observation.detail()).endsWith("jsonField checks.cache.state was missing, expected 'ok'");
    }

    @Test
    void aBodyThatIsNotJsonIsUnhealthyWhenAFieldIsExpected() {
        Observation observation = observe(json(base + "/text", "status", "UP"));

        assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(observation.detail()).contains("body is not JSON");
    }

    @Test
    void aRefusedConnectionIsUnhealthy() throws IOException {
        Observation observation = observe(timed("http://" + TestServers.closedPort() + "/health", null, null));

        assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(observation.detail()).isEqualTo("connection refused");
    }

    @Test
    void probesAgainWithTheSameCheck() {
        try (HttpHealthCheck check = new HttpHealthCheck(json(base + "/ok", "status", "UP"))) {
            assertThat(check.observe().health()).isEqualTo(Health.HEALTHY);
            assertThat(check.observe().health()).isEqualTo(Health.HEALTHY);
        }
    }

    private static Observation observe(HealthCheckSpec spec) {
        try (HttpHealthCheck check = new HttpHealthCheck(spec)) {
            return check.observe();
        }
    }

    private static HealthCheckSpec timed(String url, Duration warn, Duration max) {
        return new HealthCheckSpec("http", url, null, null, warn, max, null, null, null);
    }

    private static HealthCheckSpec json(String url, String jsonField, String jsonValue) {
        return new HealthCheckSpec("http", url, null, null, null, null, null, jsonField, jsonValue);
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
