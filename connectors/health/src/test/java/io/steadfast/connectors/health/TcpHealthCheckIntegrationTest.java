package io.steadfast.connectors.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.connectors.health.TestServers.Behaviour;
import io.steadfast.connectors.health.TestServers.Server;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.Observation;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpHealthCheckIntegrationTest {

    @Test
    void anOpenPortIsHealthy() throws Exception {
        try (Server server = TestServers.plain(Behaviour.SILENT)) {
            Observation observation = observe(server.address());

            assertThat(observation.health()).isEqualTo(Health.HEALTHY);
            assertThat(observation.detail()).matches("connected in \\d+ ms");
        }
    }

    @Test
    void aClosedPortIsUnhealthy() throws Exception {
        Observation observation = observe(TestServers.closedPort());

        assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(observation.detail()).isEqualTo("connection refused");
    }

    @Test
    void anUnknownHostIsUnhealthy() {
        Observation observation = observe("no-such-host.invalid:80");

        assertThat(observation.health()).isEqualTo(Health.UNHEALTHY);
        assertThat(observation.detail()).startsWith("unknown host");
    }

    private static Observation observe(String address) {
        HealthCheckSpec spec = new HealthCheckSpec("tcp", null, address, null, Duration.ofSeconds(2), Duration.ofSeconds(4),
                null, null, null);
        try (TcpHealthCheck check = new TcpHealthCheck(spec)) {
            return check.observe();
        }
    }
}
