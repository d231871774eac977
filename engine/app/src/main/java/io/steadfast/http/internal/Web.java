package io.steadfast.http.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.steadfast.http.ApiException;
import io.steadfast.http.FieldError;
import io.steadfast.http.Principal;
import io.steadfast.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/** Request and response helpers shared by the routes: JSON out, checked parameters in. */
public final class Web {

    /** Where the authenticated caller is kept on the request. */
    public static final String PRINCIPAL = "steadfast.principal";

    /** The product's JSON mapper, but writing nulls: API responses name every field of their contract. */
    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));

    private Web() {
    }

    public static Principal caller(Context ctx) {
        Principal principal = ctx.attribute(PRINCIPAL);
        if (principal == null) {
            throw ApiException.unauthorized();
        }
        return principal;
    }

    public static void json(Context ctx, int status, Object body) {
        try {
            write(ctx.status(status), "application/json", MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response must be writable as JSON, but was not: " + e.getOriginalMessage(), e);
        }
    }

    public static void prettyJson(Context ctx, int status, Object body) {
        try {
            write(ctx.status(status), "application/json",
                    Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("response must be writable as JSON, but was not: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes a body already in memory straight to the response. Not through {@code ctx.result(..)}:
     * Javalin copies a result through a fresh buffer of Jetty's output buffer size (32 KiB) per
     * response, which at thousands of requests a second was about half of what the request threads
     * allocated, and so of the collector's work.
     */
    public static void write(Context ctx, String contentType, byte[] body) {
        try {
            ctx.contentType(contentType).outputStream().write(body);
        } catch (IOException e) {
            throw new AnswerNotWritten(e);
        }
    }

    /** The answer could not be sent, as when the client went away while a large one was being written. */
    public static final class AnswerNotWritten extends UncheckedIOException {

        AnswerNotWritten(IOException cause) {
            super("answer could not be written: " + cause.getMessage(), cause);
        }
    }

    public static void errors(Context ctx, int status, List<FieldError> errors) {
        json(ctx, status, Map.of("errors", errors));
    }

    /** The body as a JSON value; an empty or malformed body is a 400. */
    public static JsonNode body(Context ctx) {
        String text = ctx.body();
        if (text.isBlank()) {
            throw ApiException.badRequest("body", "must be a JSON document, but was empty");
        }
        try {
            return Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            String repeated = Json.repeatedKey(e);
            if (repeated != null) {
                JsonLocation at = e.getLocation();
                throw ApiException.badRequest(repeated, "must appear once in its object, but was repeated"
                        + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
            }
            throw ApiException.badRequest("body", "must be valid JSON, but was not: " + firstLine(e.getMessage()));
        }
    }

    /** An optional ISO-8601 instant query parameter; a bad one is added to {@code errors}. */
    public static Instant instant(Context ctx, String name, List<FieldError> errors) {
        String value = ctx.queryParam(name);
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(name, "must be an ISO-8601 instant such as 2026-11-26T10:00:00Z, but was '"
                    + value + "'"));
            return null;
        }
    }

    /** An optional non-empty string query parameter. */
    public static String param(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null || value.isEmpty() ? null : value;
    }

    /** A text field of a JSON object: null when absent or null; a non-text value is added to {@code errors}. */
    public static String text(JsonNode object, String field, List<FieldError> errors) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string, but was " + value));
            return null;
        }
        return value.asText();
    }

    static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
