package io.steadfast.connectors.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.steadfast.connectors.health.config.HealthCheckSettings;
import io.steadfast.connectors.health.internal.Failures;
import io.steadfast.connectors.health.internal.HttpGet;
import io.steadfast.connectors.health.internal.JsonField;
import io.steadfast.connectors.health.internal.Latency;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.Observation;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * The {@code http} check: GETs the spec's {@code url} (redirects not followed) and expects
 * {@code expectStatus} (default 200) and, when {@code jsonField} is set, a JSON body whose field
 * equals {@code jsonValue} as text. The whole exchange, body included, must end within
 * {@code maxLatency} (default {@link HealthCheckSettings#DEFAULT_TIMEOUT}); past {@code warnLatency}
 * the service is healthy but slow ({@link Health#WARNING}).
 *
 * <p>Every probe opens a new connection (for {@code https}, a new TLS session too, verified against
 * the trust store with the host name checked), sends {@code Connection: close} and closes it when
 * done: nothing is kept between probes, as with Kubernetes' and load balancers' probes. A kept-alive
 * connection would go on probing the one instance it reached behind a balancer, hiding another
 * instance that is down. One probe at a time.
 */
public final class HttpHealthCheck implements HealthCheck {

    private static final int DEFAULT_STATUS = 200;

    private final URI url;
    private final int expectStatus;
    private final String jsonField;
    private final String jsonValue;
    private final HealthCheckSettings settings;
    private final SSLContext context;

    /** Trusting the JVM's default trust store ({@link SSLContext#getDefault()}) for {@code https}. */
    public HttpHealthCheck(HealthCheckSpec spec) {
        this(spec, defaultContext());
    }

    /**
     * Trusting what {@code context} trusts for {@code https}.
     *
     * @throws SteadfastException when the spec has no valid http(s) URL, or invalid limits
     */
    public HttpHealthCheck(HealthCheckSpec spec, SSLContext context) {
        this.url = url(spec.url());
        this.expectStatus = spec.expectStatus() == null ? DEFAULT_STATUS : spec.expectStatus();
        if ((spec.jsonField() == null) != (spec.jsonValue() == null)) {
            throw new SteadfastException("jsonField and jsonValue of http health check '" + url
                    + "' must be set together, but were '" + spec.jsonField() + "' and '" + spec.jsonValue() + "'");
        }
        this.jsonField = spec.jsonField();
        this.jsonValue = spec.jsonValue();
        this.settings = HealthCheckSettings.from(spec);
        this.context = context;
    }

    @Override
    public Observation observe() {
        long start = System.nanoTime();
        HttpGet.Response response;
        try {
            response = HttpGet.fetch(url, context.getSocketFactory(), settings.timeout());
        } catch (HttpGet.TimedOut e) {
            return unhealthy(start, "timed out after " + Latency.millis(settings.timeout()));
        } catch (HttpGet.Malformed e) {
            return unhealthy(start, e.getMessage());
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new SteadfastException("http health check '" + url + "' was interrupted", e);
            }
            return unhealthy(start, Failures.describe(e, settings.timeout()));
        }
        Duration latency = Latency.since(start);
        String seen = response.status() + " in " + Latency.millis(latency);
        if (response.status() != expectStatus) {
            return new Observation(Health.UNHEALTHY, latency, seen + ", expected " + expectStatus);
        }
        if (jsonField != null) {
            String mismatch = response.truncated()
                    ? "body is over " + HttpGet.MAX_BODY / (1024 * 1024) + " MiB, expected jsonField " + jsonField
                            + " to be '" + jsonValue + "'"
                    : jsonMismatch(response.body());
            if (mismatch != null) {
                return new Observation(Health.UNHEALTHY, latency, seen + ", " + mismatch);
            }
        }
        return Latency.judge(latency, settings, seen);
    }

    private String jsonMismatch(String body) {
        Optional<String> actual;
        try {
            actual = JsonField.read(body, jsonField);
        } catch (JsonProcessingException e) {
            return "body is not JSON, expected jsonField " + jsonField + " to be '" + jsonValue + "'";
        }
        if (actual.isEmpty()) {
            return "jsonField " + jsonField + " was missing, expected '" + jsonValue + "'";
        }
        if (!actual.get().equals(jsonValue)) {
            return "jsonField " + jsonField + " was '" + actual.get() + "', expected '" + jsonValue + "'";
        }
        return null;
    }

    private static Observation unhealthy(long start, String detail) {
        return new Observation(Health.UNHEALTHY, Latency.since(start), detail);
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (NoSuchAlgorithmException e) {
            throw new SteadfastException("the JVM's default TLS context is not available", e);
        }
    }

    private static URI url(String text) {
        URI uri;
        try {
            uri = text == null ? null : new URI(text);
        } catch (URISyntaxException e) {
            throw new SteadfastException("url of an http health check must be an http:// or https:// URL, but was '"
                    + text + "'", e);
        }
        if (uri == null || uri.getHost() == null
                || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
            throw new SteadfastException("url of an http health check must be an http:// or https:// URL, but was "
                    + (text == null ? "null" : "'" + text + "'"));
        }
        return uri;
    }
}
