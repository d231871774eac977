package io.steadfast.connectors.health;

import io.steadfast.connectors.health.config.Endpoint;
import io.steadfast.connectors.health.config.HealthCheckSettings;
import io.steadfast.connectors.health.internal.Handshake;
import io.steadfast.connectors.health.internal.Latency;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.Observation;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * The {@code tls} check: connects to the spec's {@code address} and completes a TLS handshake,
 * checking the certificate chain as an HTTPS client would (trusted, in date, naming the host), all
 * within {@code maxLatency} (default {@link HealthCheckSettings#DEFAULT_TIMEOUT}); past
 * {@code warnLatency} the service is healthy but slow ({@link Health#WARNING}). Nothing is sent
 * after the handshake. Stateless between probes.
 */
public final class TlsHealthCheck implements HealthCheck {

    private final Endpoint address;
    private final HealthCheckSettings settings;
    private final SSLContext context;

    /** Trusting the JVM's default trust store ({@link SSLContext#getDefault()}). */
    public TlsHealthCheck(HealthCheckSpec spec) {
        this(spec, defaultContext());
    }

    /**
     * Trusting what {@code context} trusts.
     *
     * @throws SteadfastException when the spec has no {@code host:port} address, or invalid limits
     */
    public TlsHealthCheck(HealthCheckSpec spec, SSLContext context) {
        this.address = Endpoint.parse(spec.address(), "address of a tls health check");
        this.settings = HealthCheckSettings.from(spec);
        this.context = context;
    }

    @Override
    public Observation observe() {
        long start = System.nanoTime();
        try {
            Handshake.Session session = Handshake.perform(address, context.getSocketFactory(), true, settings.timeout());
            Duration latency = Latency.since(start);
            return Latency.judge(latency, settings, session.protocol() + " handshake in " + Latency.millis(latency));
        } catch (Handshake.Failure e) {
            return new Observation(Health.UNHEALTHY, Latency.since(start), e.describe(settings.timeout()));
        }
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new SteadfastException("the JVM's default TLS context is not available", e);
        }
    }
}
