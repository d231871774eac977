package io.steadfast.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.steadfast.connectors.health.TestServers.Behaviour;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.Observation;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each probe of an http check is a connection of its own, closed after it, for http and https alike. */
class HttpHealthCheckConnectionIntegrationTest {

    @TempDir
    static Path dir;
    private static Path local;
    private static Path elsewhere;

    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeAll
    static void certificates() throws Exception {
        local = TestCertificates.keyStore(dir, "local", "ip:127.0.0.1,dns:localhost", 400, null);
        elsewhere = TestCertificates.keyStore(dir, "elsewhere", "dns:elsewhere.example", 400, null);
    }

    @AfterEach
    void closeResources() throws Exception {
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void everyProbeArrivesOnANewConnection() throws IOException {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        List<String> connectionHeaders = new CopyOnWriteArrayList<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            connectionHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Connection")));
            answer(exchange, 200, "{\"status\":\"UP\"}");
        });
        String url = "http://127.0.0.1:" + start(server) + "/health";

        try (HealthCheck check = new HttpHealthCheck(spec(url, null, "status", "UP"))) {
            for (int i = 0; i < 3; i++) {
                Observation observation = check.observe();
                assertThat(observation.health()).isEqualTo(Health.HEALTHY);
                assertThat(observation.detail()).matches("200 in \\d+ ms");
            }
        }

        assertThat(clientPorts).hasSize(3);
        assertThat(new HashSet<>(clientPorts)).as("distinct client ports of %s", clientPorts).hasSize(3);
        assertThat(connectionHeaders).containsOnly("close");
    }

    @Test
    void everyHttpsProbeIsANewVerifiedConnection() throws Exception {
        List<Integer> clientPorts = new CopyOnWriteArrayList<>();
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(local)));
        server.createContext("/health", exchange -> {
            clientPorts.add(exchange.getRemoteAddress().getPort());
            answer(exchange, 200, "{\"status\":\"UP\"}");
        });
        String url = "https://127.0.0.1:" + start(server) + "/health";

        try (HealthCheck check = new HttpHealthCheck(spec(url, null, "status", "UP"), TestCertificates.trusting(local))) {
            for (int i = 0; i < 3; i++) {
                Observation observation = check.observe();
                assertThat(observation.health()).isEqualTo(Health.HEALTHY);
                assertThat(observation.detail()).matches("200 in \\d+ ms");
            }
        }

        assertThat(new HashSet<>(clientPorts)).as("distinct client ports of %s", clientPorts).hasSize(3);
    }

    @Test
    void theJvmsDefaultTrustStoreDoesNotTrustASelfSignedCertificate() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(local)));
        server.createContext("/health", exchange -> answer(exchange, 200, "ok"));
        String url = "https://127.0.0.1:" + start(server) + "/health";

        try (HealthCheck check = new NetworkHealthCheckProvider().create(spec(url, null, null, null))) {
            Observation observation = check.observe();

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).startsWith("TLS handshake failed: ").contains("PKIX");
        }
    }

    @Test
    void aCertificateForAnotherHostIsUnhealthy() throws Exception {
        HttpsServer server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(elsewhere)));
        server.createContext("/health", exchange -> answer(exchange, 200, "ok"));
        String url = "https://127.0.0.1:" + start(server) + "/health";

        try (HealthCheck check = new HttpHealthCheck(spec(url, null, null, null), TestCertificates.trusting(elsewhere))) {
            Observation observation = check.observe();

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).startsWith("TLS handshake failed: ");
        }
    }

    @Test
    void theConnectionIsClosedAfterTheProbeEvenWhenTheServerWouldKeepItAlive() throws Exception {
        CountDownLatch closedByClient = new CountDownLatch(1);
        List<String> requests = new CopyOnWriteArrayList<>();
        String address = fake(client -> {
            requests.add(readHead(client.getInputStream()));
            client.getOutputStream().write(("HTTP/1.1 200 OK\r\nConnection: keep-alive\r\nContent-Length: 2\r\n\r\nok")
                    .getBytes(StandardCharsets.US_ASCII));
            client.getOutputStream().flush();
            client.setSoTimeout(5_000);
            if (client.getInputStream().read() < 0) {
                closedByClient.countDown();
            }
        });

        try (HealthCheck check = new HttpHealthCheck(spec("http://" + address + "/live?probe=1", null, null, null))) {
            assertThat(check.observe().health()).isEqualTo(Health.HEALTHY);
        }

        assertThat(closedByClient.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(requests).singleElement().satisfies(request -> assertThat(request)
                .startsWith("GET /live?probe=1 HTTP/1.1\r\n")
                .contains("\r\nHost: " + address + "\r\n")
                .contains("\r\nConnection: close\r\n")
                .contains("\r\nUser-Agent: steadfast-health\r\n"));
    }

    @Test
    void aChunkedBodyIsRead() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("{\"status\":".getBytes(StandardCharsets.UTF_8));
                out.flush();
                out.write("\"UP\"}".getBytes(StandardCharsets.UTF_8));
            }
        });
        String url = "http://127.0.0.1:" + start(server) + "/health";

        try (HealthCheck check = new HttpHealthCheck(spec(url, null, "status", "UP"))) {
            Observation observation = check.observe();

            assertThat(observation.health()).isEqualTo(Health.HEALTHY);
            assertThat(observation.detail()).matches("200 in \\d+ ms");
        }
    }

    @Test
    void aBodyWithoutALengthIsReadUntilTheServerCloses() throws Exception {
        String address = fake(client -> {
            readHead(client.getInputStream());
            client.getOutputStream().write("HTTP/1.0 200 OK\r\n\r\n{\"status\":\"DOWN\"}".getBytes(StandardCharsets.US_ASCII));
            client.close();
        });

        try (HealthCheck check = new HttpHealthCheck(spec("http://" + address + "/", null, "status", "UP"))) {
            Observation observation = check.observe();

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).matches("200 in \\d+ ms, jsonField status was 'DOWN', expected 'UP'");
        }
    }

    @Test
    void aRedirectIsNotFollowed() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/health", exchange -> {
            exchange.getResponseHeaders().set("Location", "/elsewhere");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        String url = "http://127.0.0.1:" + start(server) + "/health";

        try (HealthCheck check = new HttpHealthCheck(spec(url, null, null, null))) {
            Observation observation = check.observe();

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).matches("302 in \\d+ ms, expected 200");
        }
    }

    @Test
    void aBodyTrickledPastMaxLatencyIsCutShort() throws Exception {
        String address = fake(client -> {
            readHead(client.getInputStream());
            OutputStream out = client.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            // Every read gets a byte well within any read timeout; the body takes 100 s.
            for (int i = 0; i < 1000; i++) {
                out.write(' ');
                out.flush();
                Thread.sleep(100);
            }
        });

        long start = System.nanoTime();
        try (HealthCheck check = new HttpHealthCheck(spec("http://" + address + "/", Duration.ofMillis(500), null, null))) {
            Observation observation = check.observe();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).isEqualTo("timed out after 500 ms");
            assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofMillis(2500));
        }
    }

    @Test
    void aServerThatDoesNotSpeakHttpIsUnhealthy() throws Exception {
        try (TestServers.Server server = TestServers.plain(Behaviour.BANNER);
                HealthCheck check = new HttpHealthCheck(spec("http://" + server.address() + "/", null, null, null))) {
            Observation observation = check.observe();

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).isEqualTo("invalid HTTP response: status line 'SSH-2.0-NotTls'");
        }
    }

    private int start(HttpServer server) {
        ExecutorService executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.start();
        resources.add(() -> {
            server.stop(0);
            executor.shutdownNow();
        });
        return server.getAddress().getPort();
    }

    /** Connection handler of a socket-level fake server. */
    private interface Handler {
        void serve(Socket client) throws Exception;
    }

    /** A server on 127.0.0.1 handing each connection to {@code handler} on a thread of its own; its {@code host:port}. */
    private String fake(Handler handler) throws IOException {
        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        List<Socket> clients = new CopyOnWriteArrayList<>();
        Thread acceptor = new Thread(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket client = socket.accept();
                    clients.add(client);
                    Thread serving = new Thread(() -> {
                        try (client) {
                            handler.serve(client);
                        } catch (Exception e) {
                            // The client went away, or the test ended: the client side asserts.
                        }
                    }, "fake-http-connection");
                    serving.setDaemon(true);
                    serving.start();
                } catch (IOException e) {
                    // Closed at the end of the test.
                }
            }
        }, "fake-http-server");
        acceptor.setDaemon(true);
        acceptor.start();
        resources.add(() -> {
            socket.close();
            for (Socket client : clients) {
                client.close();
            }
            acceptor.join(5_000);
        });
        return "127.0.0.1:" + socket.getLocalPort();
    }

    /** The request line and headers, up to and including the empty line. */
    private static String readHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed before the end of the request head: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    private static HealthCheckSpec spec(String url, Duration max, String jsonField, String jsonValue) {
        return new HealthCheckSpec("http", url, null, null, null, max, null, jsonField, jsonValue);
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
