package io.steadfast.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.connectors.health.TestServers.Behaviour;
import io.steadfast.connectors.health.TestServers.Server;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.Observation;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsHealthCheckIntegrationTest {

    @TempDir
    static Path dir;
    private static Path local;
    private static Path elsewhere;

    @BeforeAll
    static void certificates() throws Exception {
        local = TestCertificates.keyStore(dir, "local", "ip:127.0.0.1,dns:localhost", 400, null);
        elsewhere = TestCertificates.keyStore(dir, "elsewhere", "dns:elsewhere.example", 400, null);
    }

    @Test
    void aHandshakeWithATrustedCertificateIsHealthy() throws Exception {
        try (Server server = TestServers.tls(TestCertificates.serverContext(local));
                HealthCheck check = new TlsHealthCheck(spec(server.address(), Duration.ofSeconds(4)),
                        TestCertificates.trusting(local))) {
            Observation observation = check.observe();

            assertThat(observation.health()).isEqualTo(Health.HEALTHY);
            assertThat(observation.detail()).matches("TLSv1\\.[23] handshake in \\d+ ms");
        }
    }

    @Test
    void theJvmsDefaultTrustStoreDoesNotTrustASelfSignedCertificate() throws Exception {
        try (Server server = TestServers.tls(TestCertificates.serverContext(local));
                HealthCheck check = new NetworkHealthCheckProvider().create(spec(server.address(), Duration.ofSeconds(4)))) {
            Observation observation = check.observe();

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).startsWith("TLS handshake failed: ").contains("PKIX");
        }
    }

    @Test
    void aCertificateForAnotherHostIsUnhealthy() throws Exception {
        try (Server server = TestServers.tls(TestCertificates.serverContext(elsewhere));
                HealthCheck check = new TlsHealthCheck(spec(server.address(), Duration.ofSeconds(4)),
                        TestCertificates.trusting(elsewhere))) {
            Observation observation = check.observe();

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).startsWith("TLS handshake failed: ").contains("127.0.0.1");
        }
    }

    @Test
    void aServerThatDoesNotSpeakTlsIsUnhealthy() throws Exception {
        try (Server server = TestServers.plain(Behaviour.BANNER);
                HealthCheck check = new TlsHealthCheck(spec(server.address(), Duration.ofSeconds(4)),
                        TestCertificates.trusting(local))) {
            Observation observation = check.observe();

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).startsWith("TLS handshake failed: ");
        }
    }

    @Test
    void aServerThatNeverAnswersIsCutShortAtMaxLatency() throws Exception {
        try (Server server = TestServers.plain(Behaviour.SILENT);
                HealthCheck check = new TlsHealthCheck(spec(server.address(), Duration.ofMillis(500)),
                        TestCertificates.trusting(local))) {
            long start = System.nanoTime();
            Observation observation = check.observe();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).isEqualTo("timed out after 500 ms");
            assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofMillis(2500));
        }
    }

    @Test
    void aHandshakeTrickledByteByByteIsCutShortAtMaxLatency() throws Exception {
        try (Server server = TestServers.plain(Behaviour.TRICKLE);
                HealthCheck check = new TlsHealthCheck(spec(server.address(), Duration.ofMillis(500)),
                        TestCertificates.trusting(local))) {
            long start = System.nanoTime();
            Observation observation = check.observe();
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
            assertThat(observation.detail()).isEqualTo("timed out after 500 ms");
            assertThat(took).isBetween(Duration.ofMillis(500), Duration.ofMillis(2500));
        }
    }

    private static HealthCheckSpec spec(String address, Duration max) {
        return new HealthCheckSpec("tls", null, address, null, null, max, null, null, null);
    }
}
