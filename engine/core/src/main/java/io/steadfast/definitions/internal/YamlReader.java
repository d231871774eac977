package io.steadfast.definitions.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.steadfast.definitions.internal.Node.Entry;
import io.steadfast.definitions.internal.Node.ListNode;
import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.definitions.internal.Node.Scalar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into {@link Node} trees, one per document, keeping each node's line and column.
 * Duplicate keys are reported (the first value is kept); a syntax error ends the file.
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    private YamlReader() {
    }

    public static List<Node> read(String file, String yaml, Problems problems) {
        List<Node> documents = new ArrayList<>();
        try (JsonParser parser = FACTORY.createParser(yaml)) {
            JsonToken token = parser.nextToken();
            while (token != null) {
                Node document = readValue(file, "", parser, token, problems);
                if (!(document instanceof Scalar scalar && scalar.type() == Scalar.Type.NULL)) {
                    documents.add(document);
                }
                token = parser.nextToken();
            }
        } catch (JsonProcessingException e) {
            JsonLocation location = e.getLocation();
            Position at = location == null ? new Position(file, 1, 1)
                    : new Position(file, location.getLineNr(), location.getColumnNr());
            problems.report(at, "(yaml)", "must be valid YAML", e.getOriginalMessage().strip());
        } catch (IOException e) {
            problems.report(new Position(file, 1, 1), "(yaml)", "must be readable", e.getMessage());
        }
        return documents;
    }

    private static Node readValue(String file, String path, JsonParser parser, JsonToken token, Problems problems)
            throws IOException {
        Position at = position(file, parser);
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String key = parser.currentName();
                    Position keyAt = position(file, parser);
                    Node value = readValue(file, Paths.key(path, key), parser, parser.nextToken(), problems);
                    Entry first = entries.putIfAbsent(key, new Entry(keyAt, value));
                    if (first != null) {
                        problems.report(keyAt, Paths.key(path, key), "must appear once in its mapping (first at line "
                                + first.keyPosition().line() + ")", "repeated");
                    }
                }
                return new MapNode(at, entries);
            }
            case START_ARRAY -> {
                List<Node> items = new ArrayList<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                    items.add(readValue(file, Paths.index(path, items.size()), parser, t, problems));
                }
                return new ListNode(at, items);
            }
            case VALUE_NUMBER_INT -> {
                return new Scalar(at, parser.getText(), Scalar.Type.INTEGER);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new Scalar(at, parser.getText(), Scalar.Type.DECIMAL);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new Scalar(at, parser.getText(), Scalar.Type.BOOLEAN);
            }
            case VALUE_NULL -> {
                return new Scalar(at, "null", Scalar.Type.NULL);
            }
            default -> {
                return new Scalar(at, parser.getText(), Scalar.Type.STRING);
            }
        }
    }

    private static Position position(String file, JsonParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return new Position(file, location.getLineNr(), location.getColumnNr());
    }
}
