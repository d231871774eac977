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
import io.steadfast.text.ControlCharacters;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Request and response helpers shared by the routes: JSON out, checked parameters in. */
public final class Web {

    /** Where the authenticated caller is kept on the request. */
    public static final String PRINCIPAL = "steadfast.principal";

    /** The product's JSON mapper, but writing nulls: API responses name every field of their contract. */
    private static final ObjectMapper MAPPER = Json.mapper().copy()
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS));

    /** Where Jackson says a token started: {@code (start marker at [Source: ...; line: 1, column: 1])}. */
    private static final Pattern SOURCE_LOCATION = Pattern.compile(
            "\\s*\\(?(?:start marker |for \\w+ starting )?at \\[Source:.*", Pattern.DOTALL);
    /** Which of its settings a limit comes from: {@code , from `StreamReadConstraints.getMaxNestingDepth()`}. */
    private static final Pattern SETTING = Pattern.compile(",? from `[^`]*`");
    /** A class name: {@code `io.steadfast.model.Waiver`} becomes {@code Waiver}. */
    private static final Pattern QUALIFIED_NAME = Pattern.compile("`?\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][\\w$]*)`?");

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
        write(ctx.status(status), "application/json", jsonBytes(body));
    }

    /** A response body as JSON, as the API writes them. */
    static byte[] jsonBytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
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
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            String repeated = Json.repeatedKey(e);
            if (repeated != null) {
                throw ApiException.badRequest(repeated, "must appear once in its object, but was repeated" + where);
            }
            throw ApiException.badRequest("body", "must be valid JSON, but was not: " + parserMessage(e)
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        } catch (IOException e) {
            throw ApiException.badRequest("body", "must be valid JSON, but was not: " + firstLine(e.getMessage()));
        }
    }

    /** The parser's own words, without its source locations or the names of its internals. */
    static String parserMessage(JsonProcessingException e) {
        String message = firstLine(e.getOriginalMessage());
        message = SOURCE_LOCATION.matcher(message).replaceAll("");
        message = SETTING.matcher(message).replaceAll("");
        return QUALIFIED_NAME.matcher(message).replaceAll("$1");
    }

    /** The longest text the store keeps for a name or an actor: its columns are VARCHAR(200) (db/migration). */
    public static final int NAME_COLUMN = 200;

    /** The longest text the store keeps for a reason: its columns are VARCHAR(4000) (db/migration). */
    public static final int TEXT_COLUMN = 4000;

    /** Adds an error when a text is longer than the store's column for it holds; null passes. */
    public static void maxLength(String field, String value, int max, List<FieldError> errors) {
        if (value != null && value.codePointCount(0, value.length()) > max) {
            errors.add(new FieldError(field, "must be at most " + max + " characters long, but was "
                    + value.codePointCount(0, value.length())));
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

    /** Fields of a body whose text may hold tab, line feed and carriage return. */
    private static final Set<String> FREE_TEXT = Set.of("reason");

    /**
     * A text field of a JSON object: null when absent or null; a non-text value, or text holding a control
     * character (see {@link ControlCharacters}), is added to {@code errors}.
     */
    public static String text(JsonNode object, String field, List<FieldError> errors) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            errors.add(new FieldError(field, "must be a string, but was " + value));
            return null;
        }
        var controls = ControlCharacters.problem(value.textValue(), FREE_TEXT.contains(field));
        if (controls.isPresent()) {
            errors.add(new FieldError(field, controls.get()));
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
