package io.steadfast.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.connectors.health.TestServers.Behaviour;
import io.steadfast.connectors.health.TestServers.Server;
import io.steadfast.model.Check;
import io.steadfast.model.Dependency;
import io.steadfast.spi.health.StaticCheckProvider.Outcome;
import io.steadfast.spi.result.ResultStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateExpiryCheckIntegrationTest {

    private static final Check THIRTY_DAYS = new Check("certificate-expiry", Duration.ofDays(30));

    @TempDir
    static Path dir;
    private static Path oneDay;
    private static Path fourHundredDays;
    private static Path expired;

    @BeforeAll
    static void certificates() throws Exception {
        oneDay = TestCertificates.keyStore(dir, "one-day", "dns:one-day.example", 1, null);
        fourHundredDays = TestCertificates.keyStore(dir, "four-hundred-days", "dns:long.example", 400, null);
        expired = TestCertificates.keyStore(dir, "expired", "dns:expired.example", 1, "-3d");
    }

    @Test
    void aCertificateValidForADayFailsAMinimumOfThirtyDays() throws Exception {
        Outcome outcome = runAgainst(oneDay);

        assertThat(outcome.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(outcome.message())
                .matches("certificate CN=one-day,O=Steadfast test expires on \\d{4}-\\d\\d-\\d\\d, in 2[0-4] hours < 30d");
    }

    @Test
    void aCertificateValidForFourHundredDaysPasses() throws Exception {
        Outcome outcome = runAgainst(fourHundredDays);

        assertThat(outcome.status()).isEqualTo(ResultStatus.PASSED);
        assertThat(outcome.message()).matches(
                "certificate CN=four-hundred-days,O=Steadfast test valid until \\d{4}-\\d\\d-\\d\\d, 399 days > 30d");
    }

    @Test
    void anExpiredCertificateFailsSayingWhen() throws Exception {
        Outcome outcome = runAgainst(expired);

        assertThat(outcome.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(outcome.message())
                .matches("certificate CN=expired,O=Steadfast test expired on \\d{4}-\\d\\d-\\d\\d, (2 days|1 day) ago, minValidity 30d");
    }

    @Test
    void aServerThatDoesNotSpeakTlsIsAnError() throws Exception {
        try (Server server = TestServers.plain(Behaviour.BANNER)) {
            Outcome outcome = run(server.address());

            assertThat(outcome.status()).isEqualTo(ResultStatus.ERROR);
            assertThat(outcome.message()).startsWith("dependency 'payments' at '" + server.address()
                    + "' does not speak TLS (no TLS handshake completed): TLS handshake failed: ");
        }
    }

    @Test
    void anUnreachableEndpointIsAnError() throws Exception {
        String address = TestServers.closedPort();

        Outcome outcome = run(address);

        assertThat(outcome.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(outcome.message()).isEqualTo("cannot reach dependency 'payments' at '" + address + "': connection refused");
    }

    private static Outcome runAgainst(Path keyStore) throws Exception {
        try (Server server = TestServers.tls(TestCertificates.serverContext(keyStore))) {
            return run(server.address());
        }
    }

    private static Outcome run(String endpoint) {
        Dependency payments = new Dependency("payments", endpoint, true, null);
        return new CertificateExpiryCheckProvider().run(THIRTY_DAYS, payments, Instant.now());
    }
}
