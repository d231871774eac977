package io.steadfast.connectors.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.steadfast.connectors.health.config.HealthCheckSettings;
import io.steadfast.connectors.health.internal.Failures;
import io.steadfast.connectors.health.internal.JsonField;
import io.steadfast.connectors.health.internal.Latency;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.Observation;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code http} check: GETs the spec's {@code url} (redirects not followed) and expects
 * {@code expectStatus} (default 200) and, when {@code jsonField} is set, a JSON body whose field
 * equals {@code jsonValue} as text. The whole exchange, body included, must end within
 * {@code maxLatency} (default {@link HealthCheckSettings#DEFAULT_TIMEOUT}); past {@code warnLatency}
 * the service is healthy but slow ({@link Health#WARNING}).
 *
 * <p>Holds one {@link HttpClient}, reusing its connections between probes. One probe at a time.
 */
public final class HttpHealthCheck implements HealthCheck {

    private static final int DEFAULT_STATUS = 200;

    private final URI url;
    private final int expectStatus;
    private final String jsonField;
    private final String jsonValue;
    private final HealthCheckSettings settings;
    private final HttpClient client;

    /** @throws SteadfastException when the spec has no valid http(s) URL, or invalid limits */
    public HttpHealthCheck(HealthCheckSpec spec) {
        this.url = url(spec.url());
        this.expectStatus = spec.expectStatus() == null ? DEFAULT_STATUS : spec.expectStatus();
        if ((spec.jsonField() == null) != (spec.jsonValue() == null)) {
            throw new SteadfastException("jsonField and jsonValue of http health check '" + url
                    + "' must be set together, but were '" + spec.jsonField() + "' and '" + spec.jsonValue() + "'");
        }
        this.jsonField = spec.jsonField();
        this.jsonValue = spec.jsonValue();
        this.settings = HealthCheckSettings.from(spec);
        this.client = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.timeout())
                .build();
    }

    @Override
    public Observation observe() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(settings.timeout()).GET().build();
        long start = System.nanoTime();
        CompletableFuture<HttpResponse<String>> exchange = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> response;
        try {
            response = exchange.get(settings.timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            return unhealthy(start, "timed out after " + Latency.millis(settings.timeout()));
        } catch (ExecutionException e) {
            return unhealthy(start, Failures.describe(e.getCause(), settings.timeout()));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new SteadfastException("http health check '" + url + "' was interrupted", e);
        }
        Duration latency = Latency.since(start);
        String seen = response.statusCode() + " in " + Latency.millis(latency);
        if (response.statusCode() != expectStatus) {
            return new Observation(Health.UNHEALTHY, latency, seen + ", expected " + expectStatus);
        }
        if (jsonField != null) {
            String mismatch = jsonMismatch(response.body());
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
