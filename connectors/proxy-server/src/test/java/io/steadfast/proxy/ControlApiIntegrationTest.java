package io.steadfast.proxy;

import static io.steadfast.proxy.Clients.connect;
import static io.steadfast.proxy.Clients.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ControlApiIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private FaultProxy proxy;
    private TestUpstream upstream;
    private String listen;

    /** An answer of the API. */
    private record Answer(int status, JsonNode body) {

        JsonNode firstError() {
            return body.path("errors").path(0);
        }
    }

    @BeforeEach
    void start() throws IOException {
        upstream = TestUpstream.echo();
        proxy = FaultProxy.start(new HostPort("127.0.0.1", 0), ProxyAccess.loopbackOnly(SECRET),
                List.of(new RouteSpec(new HostPort("127.0.0.1", 0), List.of(upstream.address()))));
        listen = proxy.routes().get(0).listen().toString();
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        upstream.close();
    }

    private Answer call(String method, String path, String body) throws Exception {
        return call(method, path, body, "Authorization", "Bearer " + SECRET, "Content-Type", "application/json");
    }

    /** A request with only the given headers (name, value, ...) besides those the client always sends. */
    private Answer call(String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + proxy.control() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body()));
    }

    private String route(String rest) {
        return "/routes/" + URLEncoder.encode(listen, StandardCharsets.UTF_8) + rest;
    }

    private Answer putFault(String body) throws Exception {
        return call("PUT", route("/fault"), body);
    }

    @Test
    void shouldAnswerHealth() throws Exception {
        Answer health = call("GET", "/health", null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().path("status").asText()).isEqualTo("ok");
        assertThat(health.body().path("routes").asInt()).isEqualTo(1);
    }

    @Test
    void shouldListAddAndRemoveRoutes() throws Exception {
        Answer added = call("POST", "/routes",
                "{\"listen\":\"127.0.0.1:0\",\"upstreams\":[\"" + upstream.address() + "\"]}");
        assertThat(added.status()).isEqualTo(201);
        String second = added.body().path("listen").asText();
        try (Socket socket = connect(HostPort.parse(second))) {
            assertThat(exchange(socket, new byte[10])).hasSize(10);
        }

        Answer listed = call("GET", "/routes", null);
        assertThat(listed.body().findValuesAsText("listen")).containsExactly(listen, second);

        assertThat(call("DELETE", "/routes/" + URLEncoder.encode(second, StandardCharsets.UTF_8), null).status())
                .isEqualTo(204);
        assertThat(call("GET", "/routes", null).body().findValuesAsText("listen")).containsExactly(listen);
    }

    @Test
    void shouldApplyRenewAndRemoveFault() throws Exception {
        Answer applied = putFault("{\"type\":\"latency\",\"latencyMs\":100,\"jitterMs\":5,\"leaseMs\":20000}");
        assertThat(applied.status()).isEqualTo(200);
        assertThat(applied.body().path("type").asText()).isEqualTo("latency");
        String id = applied.body().path("id").asText();

        Answer shown = call("GET", route(""), null);
        assertThat(shown.body().path("fault").path("latencyMs").asInt()).isEqualTo(100);
        assertThat(shown.body().path("fault").path("id").asText()).isEqualTo(id);

        Answer renewed = call("POST", route("/fault/renew"), "{\"leaseMs\":60000,\"id\":\"" + id + "\"}");
        assertThat(renewed.status()).isEqualTo(200);
        assertThat(renewed.body().path("expiresInMs").asLong()).isGreaterThan(50_000);

        assertThat(call("DELETE", route("/fault?id=" + id), null).status()).isEqualTo(204);
        assertThat(call("GET", route(""), null).body().path("fault").isNull()).isTrue();
        assertThat(call("DELETE", route("/fault?id=" + id), null).status()).as("removing again").isEqualTo(204);
        assertThat(call("POST", route("/fault/renew"), "{\"leaseMs\":1000}").status()).isEqualTo(404);
    }

    @Test
    void shouldNotRenewOrRemoveAFaultAppliedAfterIt() throws Exception {
        String first = putFault("{\"type\":\"blackhole\",\"leaseMs\":20000}").body().path("id").asText();
        putFault("{\"type\":\"reset\",\"leaseMs\":20000}");

        assertThat(call("POST", route("/fault/renew"), "{\"leaseMs\":1000,\"id\":\"" + first + "\"}").status())
                .isEqualTo(404);
        call("DELETE", route("/fault?id=" + first), null);
        assertThat(call("GET", route(""), null).body().path("fault").path("type").asText()).isEqualTo("reset");
    }

    @Test
    void shouldRevertFaultWhoseLeaseRunsOutWithNoClientLeft() throws Exception {
        long applied = System.nanoTime();
        assertThat(putFault("{\"type\":\"blackhole\",\"leaseMs\":1000}").status()).isEqualTo(200);
        // From here on nobody calls the API: the engine is gone.
        Socket socket = connect(HostPort.parse(listen));
        socket.getOutputStream().write(new byte[4]);
        socket.setSoTimeout(300);
        assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

        socket.setSoTimeout(5_000);
        assertThat(Clients.readExactly(socket.getInputStream(), 4)).hasSize(4);
        double heldMs = (System.nanoTime() - applied) / 1e6;
        assertThat(heldMs).isBetween(900.0, 3_000.0);
        assertThat(proxy.route(listen).orElseThrow().fault()).isNull();
        socket.close();
    }

    @Test
    void shouldKeepFaultWhileRenewedAndRevertItOnceRenewalsStop() throws Exception {
        String id = putFault("{\"type\":\"blackhole\",\"leaseMs\":600}").body().path("id").asText();
        ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor();
        renewer.scheduleAtFixedRate(() -> {
            try {
                call("POST", route("/fault/renew"), "{\"leaseMs\":600,\"id\":\"" + id + "\"}");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, 150, 150, TimeUnit.MILLISECONDS);

        await().during(Duration.ofMillis(1_800)).atMost(Duration.ofSeconds(3))
                .until(() -> proxy.route(listen).orElseThrow().fault() != null);
        renewer.shutdownNow();

        await().atMost(Duration.ofSeconds(3)).until(() -> proxy.route(listen).orElseThrow().fault() == null);
    }

    @Test
    void shouldRejectBodyThatIsNotJson() throws Exception {
        Answer answer = putFault("{type: latency");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.firstError().path("message").asText()).startsWith("body must be a JSON object");
    }

    @Test
    void shouldRejectUnknownFaultType() throws Exception {
        Answer answer = putFault("{\"type\":\"slow\",\"leaseMs\":1000}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.firstError().path("field").asText()).isEqualTo("type");
        assertThat(answer.firstError().path("message").asText())
                .isEqualTo("'type' must be one of [latency, blackhole, reset, bandwidth], but was \"slow\"");
    }

    @Test
    void shouldRejectMissingLease() throws Exception {
        Answer answer = putFault("{\"type\":\"blackhole\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.firstError().path("field").asText()).isEqualTo("leaseMs");
        assertThat(answer.firstError().path("message").asText()).contains("but was missing");
    }

    @Test
    void shouldRejectNegativeLatency() throws Exception {
        Answer answer = putFault("{\"type\":\"latency\",\"latencyMs\":-5,\"leaseMs\":1000}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.firstError().path("field").asText()).isEqualTo("latencyMs");
        assertThat(answer.firstError().path("message").asText()).isEqualTo("'latencyMs' must be an integer in 0..600000, but was -5");
    }

    @Test
    void shouldRejectFieldThatDoesNotApplyToType() throws Exception {
        Answer answer = putFault("{\"type\":\"reset\",\"bandwidthKbps\":100,\"leaseMs\":1000}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.firstError().path("field").asText()).isEqualTo("bandwidthKbps");
        assertThat(answer.firstError().path("message").asText()).contains("does not apply to type 'reset'");
    }

    @Test
    void shouldReportEveryProblemAtOnce() throws Exception {
        Answer answer = putFault("{\"type\":\"bandwidth\",\"leaseMs\":0,\"colour\":\"red\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("colour", "leaseMs", "bandwidthKbps");
        assertThat(proxy.route(listen).orElseThrow().fault()).isNull();
    }

    @Test
    void shouldRejectRouteWithBadUpstream() throws Exception {
        Answer answer = call("POST", "/routes", "{\"listen\":\"127.0.0.1:0\",\"upstreams\":[\"nowhere\"]}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.firstError().path("field").asText()).isEqualTo("upstreams[0]");
        assertThat(answer.firstError().path("message").asText()).isEqualTo("'upstreams[0]' must be host:port, but was 'nowhere'");
    }

    @Test
    void shouldRejectTakenListenAddress() throws Exception {
        Answer answer = call("POST", "/routes", "{\"listen\":\"" + listen + "\",\"upstreams\":[\"" + upstream.address() + "\"]}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.firstError().path("message").asText()).contains(listen);
    }

    @Test
    void shouldAnswer404ForUnknownRoute() throws Exception {
        Answer answer = call("PUT", "/routes/127.0.0.1%3A1/fault", "{\"type\":\"reset\",\"leaseMs\":1000}");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.firstError().path("message").asText()).isEqualTo("route '127.0.0.1:1' does not exist");
    }

    @Test
    void shouldRefuseControlAddressThatIsNotLoopback() {
        assertThatThrownBy(() -> FaultProxy.start(new HostPort("0.0.0.0", 0), ProxyAccess.loopbackOnly(SECRET), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("control address must be a loopback address, but was '0.0.0.0:0'");
    }
}
