package io.steadfast.connectors.proxy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.steadfast.connectors.proxy.config.ProxySettings;
import io.steadfast.proxy.HostPort;
import io.steadfast.proxy.ProxySecret;
import io.steadfast.spi.fault.FaultException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Calls one fault proxy's control API with the secret read from the secret file at each call; a proxy
 * that does not answer, or refuses the secret, is a {@link FaultException}.
 */
public final class ControlClient {

    /** An answer: its status and JSON body ({@link MissingNode} when empty). */
    public record Response(int status, JsonNode body) {

        /** The proxy's error messages, joined. */
        public String errors() {
            JsonNode errors = body.path("errors");
            return errors.isArray() ? StreamSupport.stream(errors.spliterator(), false)
                    .map(e -> e.path("message").asText()).collect(Collectors.joining("; ")) : body.toString();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final HostPort control;
    private final Duration timeout;
    private final Path secretFile;

    public ControlClient(HttpClient http, HostPort control, Duration timeout, Path secretFile) {
        this.http = http;
        this.control = control;
        this.timeout = timeout;
        this.secretFile = secretFile;
    }

    public HostPort control() {
        return control;
    }

    /** {@code /routes/{listen}} with the listen address escaped, plus {@code rest}. */
    public static String routePath(String listen, String rest) {
        return "/routes/" + URLEncoder.encode(listen, StandardCharsets.UTF_8) + rest;
    }

    public Response send(String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher;
        try {
            publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("body cannot be written as JSON", e);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + control + path))
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + secret())
                .method(method, publisher)
                .build();
        Response answer;
        try {
            HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            byte[] bytes = response.body();
            JsonNode json = bytes.length == 0 ? MissingNode.getInstance() : JSON.readTree(bytes);
            answer = new Response(response.statusCode(), json);
        } catch (IOException e) {
            throw new FaultException("fault proxy at '" + control + "' does not answer " + method + " " + path + ": "
                    + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FaultException("interrupted while calling the fault proxy at '" + control + "'", e);
        }
        if (answer.status() == 401 || answer.status() == 403) {
            throw new FaultException("fault proxy at '" + control + "' must accept the secret in '" + secretFile
                    + "' (setting '" + ProxySettings.SECRET_FILE + "'), but refused " + method + " " + path + " (HTTP "
                    + answer.status() + "): " + answer.errors());
        }
        return answer;
    }

    private String secret() {
        try {
            return ProxySecret.read(secretFile);
        } catch (IllegalArgumentException | UncheckedIOException e) {
            throw new FaultException("fault proxy at '" + control + "' cannot be called: " + e.getMessage()
                    + " (setting '" + ProxySettings.SECRET_FILE + "')", e);
        }
    }
}
