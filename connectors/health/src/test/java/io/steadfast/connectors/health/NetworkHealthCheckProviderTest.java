package io.steadfast.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.model.Check;
import io.steadfast.model.Dependency;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.health.HealthCheckProvider;
import io.steadfast.spi.health.StaticCheckProvider;
import io.steadfast.spi.result.ResultStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class NetworkHealthCheckProviderTest {

    private final NetworkHealthCheckProvider provider = new NetworkHealthCheckProvider();

    @Test
    void theProvidersAreFoundWithServiceLoader() {
        assertThat(ServiceLoader.load(HealthCheckProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> assertThat(found.types()).containsExactlyInAnyOrder("http", "tcp", "tls"));
        assertThat(ServiceLoader.load(StaticCheckProvider.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(found -> assertThat(found.types()).containsExactly("certificate-expiry"));
    }

    @Test
    void createsTheCheckOfTheSpecsType() {
        assertThat(provider.create(spec("http", "http://127.0.0.1:1/health", null, null, null))).isInstanceOf(HttpHealthCheck.class);
        assertThat(provider.create(spec("tcp", null, "127.0.0.1:1", null, null))).isInstanceOf(TcpHealthCheck.class);
        assertThat(provider.create(spec("tls", null, "[::1]:443", null, null))).isInstanceOf(TlsHealthCheck.class);
    }

    @Test
    void anUnknownTypeIsRejected() {
        assertThatThrownBy(() -> provider.create(spec("udp", null, "127.0.0.1:1", null, null)))
                .isInstanceOf(SteadfastException.class)
                .hasMessage("type of a health check must be http, tcp or tls, but was 'udp'");
    }

    @Test
    void anAddressWithoutAPortIsRejected() {
        assertThatThrownBy(() -> provider.create(spec("tcp", null, "db.internal", null, null)))
                .isInstanceOf(SteadfastException.class)
                .hasMessage("address of a tcp health check must be host:port, but was 'db.internal'");
    }

    @Test
    void aUrlThatIsNotHttpIsRejected() {
        assertThatThrownBy(() -> provider.create(spec("http", "ftp://example.com/", null, null, null)))
                .isInstanceOf(SteadfastException.class)
                .hasMessage("url of an http health check must be an http:// or https:// URL, but was 'ftp://example.com/'");
    }

    @Test
    void aWarnLatencyNotBelowTheTimeoutIsRejected() {
        assertThatThrownBy(() -> provider.create(spec("tcp", null, "127.0.0.1:1", Duration.ofSeconds(5), null)))
                .isInstanceOf(SteadfastException.class)
                .hasMessage("warnLatency of a health check must be < maxLatency (5000 ms), but was 5000 ms");
    }

    @Test
    void aJsonFieldWithoutAValueIsRejected() {
        HealthCheckSpec spec = new HealthCheckSpec("http", "http://127.0.0.1:1/", null, null, null, null, null, "status", null);

        assertThatThrownBy(() -> provider.create(spec))
                .isInstanceOf(SteadfastException.class)
                .hasMessageStartingWith("jsonField and jsonValue of http health check");
    }

    @Test
    void aDependencyEndpointThatIsNotHostPortIsAnErrorOutcome() {
        Dependency dependency = new Dependency("payments", "payments.internal", true, null);

        StaticCheckProvider.Outcome outcome = new CertificateExpiryCheckProvider()
                .run(new Check("certificate-expiry", Duration.ofDays(30)), dependency, Instant.now());

        assertThat(outcome.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(outcome.message()).isEqualTo("endpoint of dependency 'payments' must be host:port, but was 'payments.internal'");
    }

    private static HealthCheckSpec spec(String type, String url, String address, Duration warn, Duration max) {
        return new HealthCheckSpec(type, url, address, null, warn, max, null, null, null);
    }
}
