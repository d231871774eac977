package io.steadfast.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Who the control API obeys: only callers presenting the proxy's secret, on a loopback {@code Host},
 * with no foreign {@code Origin}, sending JSON; and routes only on loopback addresses unless allowed.
 * Each refused request changes nothing.
 */
class ControlApiAccessIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "test-secret-0123456789-abcdefghijklmnop";
    private static final String BEARER = "Bearer " + SECRET;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TestUpstream upstream;
    private FaultProxy proxy;
    private String listen;

    private record Answer(int status, JsonNode body) {

        String message() {
            return body.path("errors").path(0).path("message").asText();
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

    private String newRoute(String listenAddress) {
        return "{\"listen\":\"" + listenAddress + "\",\"upstreams\":[\"" + upstream.address() + "\"]}";
    }

    private String faultPath() {
        return "/routes/" + URLEncoder.encode(listen, StandardCharsets.UTF_8) + "/fault";
    }

    /** A request through the JDK client with exactly the given headers (name, value, ...). */
    private Answer call(FaultProxy target, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + target.control() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (headers.length > 0) {
            request.headers(headers);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), response.body().isEmpty() ? JSON.missingNode() : JSON.readTree(response.body()));
    }

    private Answer call(String method, String path, String body, String... headers) throws Exception {
        return call(proxy, method, path, body, headers);
    }

    /** A POST written by hand, since the JDK client sets {@code Host} itself. */
    private Answer rawPost(String host, String path, String body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(proxy.control().host(), proxy.control().port()), 5_000);
            socket.setSoTimeout(10_000);
            byte[] content = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: " + BEARER
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + content.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String responseBody = response.substring(response.indexOf("\r\n\r\n") + 4);
            return new Answer(status, responseBody.isEmpty() ? JSON.missingNode() : JSON.readTree(responseBody));
        }
    }

    @Test
    void shouldRefuseRequestWithoutTheSecretAndAddNoRoute() throws Exception {
        Answer answer = call("POST", "/routes", newRoute("127.0.0.1:0"), "Content-Type", "application/json");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.message()).isEqualTo("header 'Authorization' must be 'Bearer ' and the proxy's secret (the file"
                + " proxy.secret in the data directory of steadfast proxy), but was missing");
        assertThat(proxy.routes()).hasSize(1);
    }

    @Test
    void shouldRefuseRequestWithAWrongSecretAndApplyNoFault() throws Exception {
        Answer answer = call("PUT", faultPath(), "{\"type\":\"blackhole\",\"leaseMs\":86400000}",
                "Authorization", "Bearer " + SECRET.replace('t', 'x'), "Content-Type", "application/json");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.message()).isEqualTo("header 'Authorization' must carry the proxy's secret, but carried another");
        assertThat(proxy.route(listen).orElseThrow().fault()).isNull();
    }

    @Test
    void shouldRefuseToListRoutesWithoutTheSecret() throws Exception {
        assertThat(call("GET", "/routes", null).status()).isEqualTo(401);
        assertThat(call("GET", "/health", null, "Authorization", "Basic " + SECRET).status()).isEqualTo(401);
    }

    @Test
    void shouldRefuseABodyThatIsNotDeclaredJsonEvenWithTheSecret() throws Exception {
        Answer answer = call("POST", "/routes", newRoute("127.0.0.1:0"), "Authorization", BEARER,
                "Content-Type", "text/plain");

        assertThat(answer.status()).isEqualTo(415);
        assertThat(answer.message()).isEqualTo("header 'Content-Type' must be 'application/json' for POST, but was 'text/plain'");
        assertThat(proxy.routes()).hasSize(1);
    }

    @Test
    void shouldRefuseAHostThatIsNotLoopbackAsADnsRebindingPageSendsIt() throws Exception {
        Answer answer = rawPost("evil.example:" + proxy.control().port(), "/routes", newRoute("127.0.0.1:0"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.message()).isEqualTo("header 'Host' must name a loopback address (localhost, 127.x.x.x or"
                + " [::1]), but was 'evil.example:" + proxy.control().port() + "'");
        assertThat(proxy.routes()).hasSize(1);
    }

    @Test
    void shouldServeLoopbackHostNames() throws Exception {
        assertThat(rawPost("localhost:" + proxy.control().port(), "/routes", newRoute("127.0.0.1:0")).status())
                .isEqualTo(201);
        assertThat(rawPost("[::1]", "/routes", newRoute("127.0.0.1:0")).status()).isEqualTo(201);
        assertThat(rawPost("127.1.2.3:80", "/routes", newRoute("127.0.0.1:0")).status()).isEqualTo(201);
        assertThat(rawPost("127.0.0.1.evil.example", "/routes", newRoute("127.0.0.1:0")).status()).isEqualTo(403);
        assertThat(proxy.routes()).hasSize(4);
    }

    @Test
    void shouldRefuseAForeignOriginAsACrossSitePostSendsIt() throws Exception {
        Answer answer = call("PUT", faultPath(), "{\"type\":\"blackhole\",\"leaseMs\":86400000}",
                "Authorization", BEARER, "Content-Type", "application/json", "Origin", "http://evil.example");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.message()).isEqualTo("header 'Origin' must be a loopback origin such as http://localhost when"
                + " given, but was 'http://evil.example'");
        assertThat(proxy.route(listen).orElseThrow().fault()).isNull();
        assertThat(call("GET", "/health", null, "Authorization", BEARER, "Origin", "null").status()).isEqualTo(403);
        assertThat(call("GET", "/health", null, "Authorization", BEARER, "Origin", "http://localhost:3000").status())
                .isEqualTo(200);
    }

    @Test
    void shouldRefuseARouteListeningOnAllInterfaces() throws Exception {
        Answer answer = call("POST", "/routes", newRoute("0.0.0.0:0"), "Authorization", BEARER,
                "Content-Type", "application/json");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.body().path("errors").path(0).path("field").asText()).isEqualTo("listen");
        assertThat(answer.message()).isEqualTo("route listen address must be a loopback address unless the proxy is"
                + " started with --allow-non-loopback-listen, but was '0.0.0.0:0'");
        assertThat(proxy.routes()).hasSize(1);
    }

    @Test
    void shouldRefuseToStartWithARouteListeningOnAllInterfaces() {
        assertThatThrownBy(() -> FaultProxy.start(new HostPort("127.0.0.1", 0), ProxyAccess.loopbackOnly(SECRET),
                List.of(new RouteSpec(new HostPort("0.0.0.0", 0), List.of(upstream.address())))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("route listen address must be a loopback address unless the proxy is started with"
                        + " --allow-non-loopback-listen, but was '0.0.0.0:0'");
    }

    @Test
    void shouldAddARouteListeningOnAllInterfacesWhenAllowed() throws Exception {
        try (FaultProxy open = FaultProxy.start(new HostPort("127.0.0.1", 0), new ProxyAccess(SECRET, true), List.of())) {
            Answer answer = call(open, "POST", "/routes", newRoute("0.0.0.0:0"), "Authorization", BEARER,
                    "Content-Type", "application/json");

            assertThat(answer.status()).as(answer.body().toString()).isEqualTo(201);
            assertThat(answer.body().path("listen").asText()).startsWith("0.0.0.0:");
        }
    }

    @Test
    void shouldApplyAFaultForACallerWithTheSecret() throws Exception {
        Answer answer = call("PUT", faultPath(), "{\"type\":\"reset\",\"leaseMs\":10000}", "Authorization", BEARER,
                "Content-Type", "application/json; charset=utf-8");

        assertThat(answer.status()).as(answer.body().toString()).isEqualTo(200);
        assertThat(proxy.route(listen).orElseThrow().fault()).isNotNull();
    }

    @Test
    void shouldRefuseAShortSecret() {
        assertThatThrownBy(() -> ProxyAccess.loopbackOnly("short"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("proxy secret must be at least 32 characters long, but was 5");
    }
}
