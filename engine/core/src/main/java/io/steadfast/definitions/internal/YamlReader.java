package io.steadfast.definitions.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.steadfast.definitions.internal.Node.Entry;
import io.steadfast.definitions.internal.Node.ListNode;
import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.definitions.internal.Node.Scalar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads YAML text into {@link Node} trees, one per document, keeping each node's line and column.
 * Duplicate keys are reported (the first value is kept); a syntax error ends the file. Anchors on
 * mappings and lists are resolved here, since the streaming parser hands an alias over as its bare
 * name; the parser does not expose anchors on scalars, so an alias of a scalar is reported.
 */
public final class YamlReader {

    private static final YAMLFactory FACTORY = new YAMLFactory();

    public static List<Node> read(String file, String yaml, Problems problems) {
        return new YamlReader(file, problems).read(yaml);
    }

    private final String file;
    private final Problems problems;
    private final Map<String, Node> anchors = new HashMap<>();

    private YamlReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    private List<Node> read(String yaml) {
        List<Node> documents = new ArrayList<>();
        try (YAMLParser parser = FACTORY.createParser(yaml)) {
            JsonToken token = parser.nextToken();
            while (token != null) {
                Node document = readValue("", parser, token);
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

    private Node readValue(String path, YAMLParser parser, JsonToken token) throws IOException {
        if (parser.isCurrentAlias()) {
            Node anchored = anchors.get(parser.getText());
            if (anchored == null) {
                problems.report(position(parser), path, "must refer to an anchor on a mapping or list defined before it",
                        Problems.quote("*" + parser.getText()));
                return new Scalar(position(parser), "*" + parser.getText(), Scalar.Type.STRING);
            }
            return anchored;
        }
        String anchor = parser.getObjectId();
        Node node = readNode(path, parser, token);
        if (anchor != null) {
            anchors.put(anchor, node);
        }
        return node;
    }

    private Node readNode(String path, YAMLParser parser, JsonToken token) throws IOException {
        Position at = position(parser);
        switch (token) {
            case START_OBJECT -> {
                Map<String, Entry> entries = new LinkedHashMap<>();
                for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
                    String key = parser.currentName();
                    Position keyAt = position(parser);
                    Node value = readValue(Paths.key(path, key), parser, parser.nextToken());
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
                    items.add(readValue(Paths.index(path, items.size()), parser, t));
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

    private Position position(JsonParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return new Position(file, location.getLineNr(), location.getColumnNr());
    }
}
