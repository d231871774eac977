package io.steadfast.connectors.health;

import io.steadfast.connectors.health.config.Endpoint;
import io.steadfast.connectors.health.config.HealthCheckSettings;
import io.steadfast.connectors.health.internal.Connect;
import io.steadfast.connectors.health.internal.Failures;
import io.steadfast.connectors.health.internal.Latency;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.Observation;
import java.io.IOException;
import java.net.Socket;
import java.time.Duration;

/**
 * The {@code tcp} check: opens a connection to the spec's {@code address} within {@code maxLatency}
 * (default {@link HealthCheckSettings#DEFAULT_TIMEOUT}) and closes it at once; past
 * {@code warnLatency} the service is healthy but slow ({@link Health#WARNING}). The host name is
 * resolved anew on each probe. Stateless between probes.
 */
public final class TcpHealthCheck implements HealthCheck {

    private final Endpoint address;
    private final HealthCheckSettings settings;

    /** @throws SteadfastException when the spec has no {@code host:port} address, or invalid limits */
    public TcpHealthCheck(HealthCheckSpec spec) {
        this.address = Endpoint.parse(spec.address(), "address of a tcp health check");
        this.settings = HealthCheckSettings.from(spec);
    }

    @Override
    public Observation observe() {
        long start = System.nanoTime();
        try (Socket socket = new Socket()) {
            Connect.to(socket, address.resolve(), (int) Math.max(1, settings.timeout().toMillis()));
            Duration latency = Latency.since(start);
            return Latency.judge(latency, settings, "connected in " + Latency.millis(latency));
        } catch (IOException e) {
            return new Observation(Health.UNHEALTHY, Latency.since(start), Failures.describe(e, settings.timeout()));
        }
    }
}
