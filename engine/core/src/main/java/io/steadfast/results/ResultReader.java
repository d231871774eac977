package io.steadfast.results;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steadfast.json.Json;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.text.ControlCharacters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads and validates result events (DESIGN §5) from a JSON document, a JSON array or JSON Lines.
 * Every bad record is reported with where it is and why; the good ones are still returned.
 * Thread-safe.
 */
public final class ResultReader {

    /** Records larger than this are rejected. */
    public static final int MAX_RECORD_BYTES = 1 << 20;

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final int MAX_ID_LENGTH = 200;

    /** How far after now a result may finish unless told otherwise: other tools' clocks drift. */
    public static final Duration DEFAULT_MAX_FUTURE_SKEW = Duration.ofMinutes(5);

    private final ObjectMapper mapper = Json.mapper();
    private final Clock clock;
    private final Duration maxFutureSkew;

    /** A reader that refuses results finishing more than {@link #DEFAULT_MAX_FUTURE_SKEW} after now. */
    public ResultReader() {
        this(Clock.systemUTC(), DEFAULT_MAX_FUTURE_SKEW);
    }

    /**
     * @param maxFutureSkew how far after the clock's now a result may finish: a result from further
     *                      ahead would, once its time comes, beat every real result
     */
    public ResultReader(Clock clock, Duration maxFutureSkew) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.maxFutureSkew = Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
    }

    /** The outcome of reading many records: the valid results, and an error per bad record. */
    public record ReadOutcome(List<ResultEvent> results, List<RecordError> errors) {

        public ReadOutcome {
            results = List.copyOf(results);
            errors = List.copyOf(errors);
        }
    }

    /** One problem in one record: {@code <origin>:<line>: <path>: <rule>, but was <value>}. */
    public record RecordError(String origin, int line, String path, String message) {

        @Override
        public String toString() {
            return origin + ":" + line + ": " + (path.isEmpty() ? "" : path + ": ") + message;
        }
    }

    /** Thrown by {@link #readRecord} with every problem of the record. */
    public static final class InvalidResultException extends Exception {

        private final List<RecordError> errors;

        public InvalidResultException(List<RecordError> errors) {
            super(String.join("; ", errors.stream().map(RecordError::toString).toList()));
            this.errors = List.copyOf(errors);
        }

        public List<RecordError> errors() {
            return errors;
        }
    }

    /** Reads a document: JSON Lines (one object per line), one JSON object, or a JSON array of objects. */
    public ReadOutcome read(String origin, String text) {
        List<ResultEvent> results = new ArrayList<>();
        List<RecordError> errors = new ArrayList<>();
        if (isJsonLines(text)) {
            String[] lines = text.split("\n", -1);
            for (int i = 0; i < lines.length; i++) {
                if (!lines[i].isBlank()) {
                    readOne(origin, i + 1, lines[i].getBytes(StandardCharsets.UTF_8), results, errors);
                }
            }
        } else {
            readDocument(origin, text, results, errors);
        }
        return new ReadOutcome(results, errors);
    }

    /** Reads one record (for example a Kafka record's value). */
    public ResultEvent readRecord(String origin, byte[] bytes) throws InvalidResultException {
        List<ResultEvent> results = new ArrayList<>(1);
        List<RecordError> errors = new ArrayList<>();
        readOne(origin, 1, bytes, results, errors);
        if (!errors.isEmpty()) {
            throw new InvalidResultException(errors);
        }
        return results.get(0);
    }

    /** JSON Lines when there are several lines and the first one holds a whole object. */
    private static boolean isJsonLines(String text) {
        List<String> lines = Arrays.stream(text.split("\n")).map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.size() > 1 && lines.get(0).startsWith("{") && lines.get(0).endsWith("}");
    }

    private void readOne(String origin, int line, byte[] bytes, List<ResultEvent> results, List<RecordError> errors) {
        if (bytes.length > MAX_RECORD_BYTES) {
            errors.add(new RecordError(origin, line, "", "record must be at most " + MAX_RECORD_BYTES
                    + " bytes, but was " + bytes.length));
            return;
        }
        JsonNode node;
        try {
            node = mapper.readTree(bytes);
        } catch (IOException e) {
            errors.add(notJson(origin, line, e));
            return;
        }
        validate(origin, line, node, results, errors);
    }

    private void readDocument(String origin, String text, List<ResultEvent> results, List<RecordError> errors) {
        try (JsonParser parser = mapper.createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                errors.add(new RecordError(origin, 1, "", "must hold at least one result, but was empty"));
                return;
            }
            boolean array = first == JsonToken.START_ARRAY;
            if (array) {
                parser.nextToken();
            }
            while (parser.currentToken() != null && parser.currentToken() != JsonToken.END_ARRAY) {
                int line = parser.currentTokenLocation().getLineNr();
                long start = parser.currentTokenLocation().getCharOffset();
                JsonNode node = mapper.readTree(parser);
                long size = parser.currentLocation().getCharOffset() - start;
                if (size > MAX_RECORD_BYTES) {
                    errors.add(new RecordError(origin, line, "", "record must be at most " + MAX_RECORD_BYTES
                            + " bytes, but was " + size));
                } else {
                    validate(origin, line, node, results, errors);
                }
                parser.nextToken();
            }
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            errors.add(notJson(origin, at == null ? 1 : at.getLineNr(), e));
        } catch (IOException e) {
            errors.add(new RecordError(origin, 1, "", "could not be read: " + e.getMessage()));
        }
    }

    private static RecordError notJson(String origin, int line, IOException e) {
        String repeated = e instanceof JsonProcessingException jpe ? Json.repeatedKey(jpe) : null;
        return repeated != null
                ? new RecordError(origin, line, repeated, "must appear once in its object, but was repeated")
                : new RecordError(origin, line, "", "must be valid JSON, but was not: " + shortMessage(e));
    }

    private static String shortMessage(IOException e) {
        String message = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }

    private void validate(String origin, int line, JsonNode node, List<ResultEvent> results,
                          List<RecordError> errors) {
        Checker c = new Checker(origin, line, errors);
        if (!node.isObject()) {
            c.fail("", "must be a JSON object", node);
            return;
        }
        int before = errors.size();
        c.controlCharacters("", node);
        JsonNode schema = node.get("schemaVersion");
        if (schema == null || !schema.isInt() || schema.intValue() != ResultEvent.SCHEMA_VERSION) {
            c.fail("schemaVersion", "must be " + ResultEvent.SCHEMA_VERSION + " (the only schema version known)", schema);
            return;
        }
        String resultId = c.requiredText(node, "resultId", MAX_ID_LENGTH);
        String service = c.requiredText(node, "service", MAX_ID_LENGTH);
        if (service != null && !SLUG.matcher(service).matches()) {
            c.fail("service", "must be a service id (lower-case letters, digits and '-')", node.get("service"));
        }
        String suite = c.requiredText(node, "suite", MAX_ID_LENGTH);
        String test = c.requiredText(node, "test", MAX_ID_LENGTH);
        String target = c.optionalText(node, "target");
        ResultStatus status = c.status(node);
        Instant startedAt = c.instant(node, "startedAt", false);
        Instant finishedAt = c.instant(node, "finishedAt", true);
        if (startedAt != null && finishedAt != null && startedAt.isAfter(finishedAt)) {
            c.fail("startedAt", "must not be after finishedAt (" + finishedAt + ")", node.get("startedAt"));
        }
        Instant latest = clock.instant().plus(maxFutureSkew);
        if (finishedAt != null && finishedAt.isAfter(latest)) {
            c.fail("finishedAt", "must be at most " + maxFutureSkew.toSeconds() + " s after now (" + latest
                    + " at the latest)", node.get("finishedAt"));
        }
        String serviceVersion = c.optionalText(node, "serviceVersion", MAX_ID_LENGTH);
        String environment = c.optionalText(node, "environment", MAX_ID_LENGTH);
        String source = c.optionalText(node, "source", MAX_ID_LENGTH);
        String runId = c.optionalText(node, "runId");
        String message = c.optionalText(node, "message");
        Measurements measurements = c.measurements(node.get("measurements"));
        if (errors.size() == before) {
            results.add(new ResultEvent(ResultEvent.SCHEMA_VERSION, resultId, service, suite, test, target, status,
                    startedAt, finishedAt, serviceVersion, environment, source, runId, measurements, message));
        }
    }

    /** Collects a record's errors field by field. */
    private record Checker(String origin, int line, List<RecordError> errors) {

        /** Fields whose text may hold tab, line feed and carriage return. */
        private static final List<String> FREE_TEXT = List.of("message");

        /** Reports every string, and every field name, under {@code node} that holds a control character. */
        void controlCharacters(String path, JsonNode node) {
            if (node.isTextual()) {
                ControlCharacters.problem(node.textValue(), FREE_TEXT.contains(path))
                        .ifPresent(problem -> errors.add(new RecordError(origin, line, path, problem)));
            } else if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    var badName = ControlCharacters.problem("field names", field.getKey(), false);
                    if (badName.isPresent()) {
                        errors.add(new RecordError(origin, line, path, badName.get()));
                    } else {
                        controlCharacters(path.isEmpty() ? field.getKey() : path + "." + field.getKey(),
                                field.getValue());
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    controlCharacters(path + "[" + i + "]", node.get(i));
                }
            }
        }

        void fail(String path, String rule, JsonNode value) {
            errors.add(new RecordError(origin, line, path, rule + ", but was " + show(value)));
        }

        static String show(JsonNode value) {
            if (value == null || value.isMissingNode()) {
                return "missing";
            }
            String text = value.toString();
            return text.length() > 80 ? text.substring(0, 77) + "..." : text;
        }

        String requiredText(JsonNode node, String field, int maxLength) {
            JsonNode value = node.get(field);
            if (value == null || !value.isTextual() || value.textValue().isBlank()) {
                fail(field, "must be a non-empty string", value);
                return null;
            }
            if (value.textValue().length() > maxLength) {
                fail(field, "must be at most " + maxLength + " characters", value);
                return null;
            }
            return value.textValue();
        }

        /** An optional text the store keys on, so bounded as ids are. */
        String optionalText(JsonNode node, String field, int maxLength) {
            String text = optionalText(node, field);
            if (text != null && text.length() > maxLength) {
                fail(field, "must be at most " + maxLength + " characters", node.get(field));
                return null;
            }
            return text;
        }

        String optionalText(JsonNode node, String field) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isTextual()) {
                fail(field, "must be a string", value);
                return null;
            }
            return value.textValue();
        }

        ResultStatus status(JsonNode node) {
            JsonNode value = node.get("status");
            if (value != null && value.isTextual()) {
                try {
                    return ResultStatus.valueOf(value.textValue());
                } catch (IllegalArgumentException e) {
                    // reported below
                }
            }
            fail("status", "must be one of " + Arrays.toString(ResultStatus.values()), value);
            return null;
        }

        Instant instant(JsonNode node, String field, boolean required) {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                if (required) {
                    fail(field, "must be an ISO-8601 instant such as 2026-11-26T10:05:02Z", value);
                }
                return null;
            }
            if (value.isTextual()) {
                try {
                    return Instant.parse(value.textValue());
                } catch (DateTimeParseException e) {
                    // reported below
                }
            }
            fail(field, "must be an ISO-8601 instant such as 2026-11-26T10:05:02Z", value);
            return null;
        }

        Measurements measurements(JsonNode node) {
            if (node == null || node.isNull()) {
                return Measurements.NONE;
            }
            if (!node.isObject()) {
                fail("measurements", "must be an object", node);
                return Measurements.NONE;
            }
            Long detect = count(node, "timeToDetectMs");
            Long recover = count(node, "timeToRecoverMs");
            Long passed = count(node, "probesPassed");
            Long total = count(node, "probesTotal");
            if (passed != null && total != null && passed > total) {
                fail("measurements.probesPassed", "must be <= measurements.probesTotal (" + total + ")",
                        node.get("probesPassed"));
            }
            return new Measurements(detect, recover, passed == null ? null : passed.intValue(),
                    total == null ? null : total.intValue());
        }

        private Long count(JsonNode parent, String field) {
            JsonNode value = parent.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.canConvertToInt() && !value.canConvertToLong() || !value.isIntegralNumber()
                    || value.longValue() < 0 || value.longValue() > Integer.MAX_VALUE) {
                fail("measurements." + field, "must be a whole number >= 0", value);
                return null;
            }
            return value.longValue();
        }
    }
}
