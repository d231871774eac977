package io.steadfast.connectors.health;

import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.HealthCheckProvider;
import java.util.Set;

/** Creates the {@code http}, {@code tcp} and {@code tls} health checks. */
public final class NetworkHealthCheckProvider implements HealthCheckProvider {

    public static final String HTTP = "http";
    public static final String TCP = "tcp";
    public static final String TLS = "tls";

    @Override
    public Set<String> types() {
        return Set.of(HTTP, TCP, TLS);
    }

    /** @throws SteadfastException for another type, or a spec the check cannot use */
    @Override
    public HealthCheck create(HealthCheckSpec spec) {
        return switch (String.valueOf(spec.type())) {
            case HTTP -> new HttpHealthCheck(spec);
            case TCP -> new TcpHealthCheck(spec);
            case TLS -> new TlsHealthCheck(spec);
            default -> throw new SteadfastException("type of a health check must be http, tcp or tls, but was '"
                    + spec.type() + "'");
        };
    }
}
