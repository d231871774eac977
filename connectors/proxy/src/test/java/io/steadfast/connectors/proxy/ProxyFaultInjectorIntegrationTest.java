package io.steadfast.connectors.proxy;

import static io.steadfast.proxy.Clients.connect;
import static io.steadfast.proxy.Clients.roundTripMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.steadfast.model.Dependency;
import io.steadfast.model.Fault;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.proxy.FaultProxy;
import io.steadfast.proxy.FaultType;
import io.steadfast.proxy.HostPort;
import io.steadfast.proxy.ProxyAccess;
import io.steadfast.proxy.ProxySecret;
import io.steadfast.proxy.RouteSpec;
import io.steadfast.proxy.TestUpstream;
import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultInjectorProvider;
import io.steadfast.spi.fault.FaultRequest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProxyFaultInjectorIntegrationTest {

    private static final Fault LATENCY = new Fault("latency", null, null, 120, 0, null, null, null);
    private static final Fault BLACKHOLE = new Fault("blackhole", null, null, null, null, null, null, null);

    @TempDir
    Path dataDir;

    private TestUpstream upstream;
    private FaultProxy proxy;
    private String listen;
    private FaultInjector injector;

    @BeforeEach
    void start() throws IOException {
        upstream = TestUpstream.echo();
        String secret = ProxySecret.readOrCreate(ProxySecret.defaultFile(dataDir), new SecureRandom());
        proxy = FaultProxy.start(new HostPort("127.0.0.1", 0), ProxyAccess.loopbackOnly(secret),
                List.of(new RouteSpec(new HostPort("127.0.0.1", 0), List.of(upstream.address()))));
        listen = proxy.routes().get(0).listen().toString();
        injector = provider().create(Map.of("proxy.control", proxy.control().toString(),
                "proxy.secret.file", ProxySecret.defaultFile(dataDir).toString()));
    }

    @AfterEach
    void stop() throws IOException {
        proxy.close();
        upstream.close();
    }

    private static FaultInjectorProvider provider() {
        return ServiceLoader.load(FaultInjectorProvider.class).stream().map(ServiceLoader.Provider::get)
                .filter(p -> p.types().contains("latency")).findFirst().orElseThrow();
    }

    private static FaultRequest request(Fault fault, Dependency dependency, Duration lease) {
        ServiceDefinition service = new ServiceDefinition("checkout", null, "payments", "tier-1", "production", null, null,
                null, null, dependency == null ? null : List.of(dependency));
        return new FaultRequest(service, fault, null, dependency, null, lease);
    }

    private FaultRequest request(Fault fault, Duration lease) {
        return request(fault, new Dependency("inventory", upstream.address().toString(), false,
                new Dependency.Proxy(listen, null)), lease);
    }

    @Test
    void shouldBeFoundForTheProxyFaultTypes() {
        assertThat(provider()).isInstanceOf(ProxyFaultInjectorProvider.class);
        assertThat(provider().types()).containsExactlyInAnyOrder("latency", "blackhole", "reset", "bandwidth");
    }

    @Test
    void shouldPlanWithoutChangingAnything() {
        String plan = injector.plan(request(LATENCY, Duration.ofSeconds(30)));

        assertThat(plan).contains("+120 ms").contains("inventory").contains(listen);
        assertThat(proxy.route(listen).orElseThrow().fault()).isNull();
    }

    @Test
    void shouldInjectRenewAndRevertLatency() throws Exception {
        ActiveFault fault = injector.inject(request(LATENCY, Duration.ofSeconds(30)));
        try (Socket socket = connect(HostPort.parse(listen))) {
            assertThat(proxy.route(listen).orElseThrow().fault().spec().type()).isEqualTo(FaultType.LATENCY);
            assertThat(roundTripMillis(socket, 64)).isGreaterThanOrEqualTo(115);
            assertThat(fault.journal()).isEmpty();

            fault.renew(Duration.ofMinutes(2));
            assertThat(proxy.route(listen).orElseThrow().fault().expiresInMs()).isGreaterThan(90_000);

            fault.revert();
            assertThat(proxy.route(listen).orElseThrow().fault()).isNull();
            assertThat(roundTripMillis(socket, 64)).isLessThan(60);
        }
        fault.revert();
        assertThatThrownBy(() -> fault.renew(Duration.ofSeconds(1))).isInstanceOf(FaultException.class)
                .hasMessageContaining("no longer in effect");
    }

    @Test
    void shouldLetTheProxyRevertAFaultWhoseLeaseRunsOut() {
        ActiveFault fault = injector.inject(request(BLACKHOLE, Duration.ofMillis(500)));

        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.route(listen).orElseThrow().fault() == null);
        assertThatThrownBy(() -> fault.renew(Duration.ofSeconds(1))).isInstanceOf(FaultException.class)
                .hasMessageContaining("no longer in effect");
        fault.revert();
    }

    @Test
    void shouldNotRevertAFaultAppliedAfterIt() {
        ActiveFault first = injector.inject(request(BLACKHOLE, Duration.ofSeconds(30)));
        injector.inject(request(LATENCY, Duration.ofSeconds(30)));

        first.revert();

        assertThat(proxy.route(listen).orElseThrow().fault().spec().type()).isEqualTo(FaultType.LATENCY);
    }

    @Test
    void shouldFailPlanForRouteTheProxyDoesNotHave() {
        Dependency dependency = new Dependency("inventory", "127.0.0.1:9001", false,
                new Dependency.Proxy("127.0.0.1:1", null));

        assertThatThrownBy(() -> injector.plan(request(LATENCY, dependency, Duration.ofSeconds(30))))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("has no route '127.0.0.1:1' for dependency 'inventory'");
    }

    @Test
    void shouldFailPlanAndApplyNothingWhenTheProxyRefusesTheSecret() throws IOException {
        Path other = dataDir.resolve("other.secret");
        Files.writeString(other, "another-secret-0123456789-abcdefghijklmnop");
        FaultInjector stranger = provider().create(Map.of("proxy.control", proxy.control().toString(),
                "proxy.secret.file", other.toString()));

        assertThatThrownBy(() -> stranger.plan(request(LATENCY, Duration.ofSeconds(30))))
                .isInstanceOf(FaultException.class)
                .hasMessageStartingWith("fault proxy at '" + proxy.control() + "' must accept the secret in '" + other
                        + "' (setting 'proxy.secret.file'), but refused GET ")
                .hasMessageContaining("(HTTP 401)");
        assertThatThrownBy(() -> stranger.inject(request(BLACKHOLE, Duration.ofSeconds(30))))
                .isInstanceOf(FaultException.class).hasMessageContaining("(HTTP 401)");
        assertThat(proxy.route(listen).orElseThrow().fault()).isNull();
    }

    @Test
    void shouldFailPlanWhenTheSecretFileIsMissing() {
        Path missing = dataDir.resolve("missing.secret");
        FaultInjector stranger = provider().create(Map.of("proxy.control", proxy.control().toString(),
                "proxy.secret.file", missing.toString()));

        assertThatThrownBy(() -> stranger.plan(request(LATENCY, Duration.ofSeconds(30))))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("proxy secret file '" + missing + "' must be readable");
    }

    @Test
    void shouldFailPlanWhenProxyDoesNotAnswer() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Dependency dependency = new Dependency("inventory", "127.0.0.1:9001", false,
                new Dependency.Proxy(listen, "127.0.0.1:" + closedPort));

        assertThatThrownBy(() -> injector.plan(request(LATENCY, dependency, Duration.ofSeconds(30))))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("fault proxy at '127.0.0.1:" + closedPort + "' does not answer");
    }

    @Test
    void shouldFailForDependencyWithoutProxy() {
        Dependency dependency = new Dependency("payments", "payments.internal:443", true, null);

        assertThatThrownBy(() -> injector.plan(request(BLACKHOLE, dependency, Duration.ofSeconds(30))))
                .isInstanceOf(FaultException.class)
                .hasMessage("dependency 'payments' of service 'checkout' has no fault proxy (its 'proxy.listen'), "
                        + "so fault 'blackhole' cannot reach it");
    }

    @Test
    void shouldFailForLatencyWithoutLatencyMs() {
        Fault fault = new Fault("latency", null, null, null, null, null, null, null);

        assertThatThrownBy(() -> injector.plan(request(fault, Duration.ofSeconds(30))))
                .isInstanceOf(FaultException.class)
                .hasMessage("'latencyMs' of fault 'latency' must be an integer >= 0, but was missing");
    }

    @Test
    void shouldHaveNothingToRevertFromAJournal() {
        injector.revert(Map.of());

        assertThat(proxy.route(listen).orElseThrow().fault()).isNull();
    }
}
