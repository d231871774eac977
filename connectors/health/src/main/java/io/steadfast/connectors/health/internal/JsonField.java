package io.steadfast.connectors.health.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;

/**
 * Reads one field of a JSON document by a dotted path ({@code status}, {@code checks.db.state};
 * a number indexes an array: {@code checks.0.state}).
 */
public final class JsonField {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private JsonField() {
    }

    /**
     * The field as text: a string's value, a number's or boolean's literal, other values as JSON;
     * empty when the path leads nowhere.
     *
     * @throws JsonProcessingException when the body is not JSON
     */
    public static Optional<String> read(String body, String path) throws JsonProcessingException {
        JsonNode node = MAPPER.readTree(body);
        if (node == null || node.isMissingNode()) {
            throw new NotJsonException();
        }
        for (String segment : path.split("\\.", -1)) {
            node = node.isArray() && segment.matches("\\d{1,9}") ? node.path(Integer.parseInt(segment)) : node.path(segment);
            if (node.isMissingNode()) {
                return Optional.empty();
            }
        }
        return Optional.of(node.isValueNode() ? node.asText() : node.toString());
    }

    /** An empty body, which Jackson reads as no document rather than as an error. */
    private static final class NotJsonException extends JsonProcessingException {
        NotJsonException() {
            super("no JSON document in the body");
        }
    }
}
