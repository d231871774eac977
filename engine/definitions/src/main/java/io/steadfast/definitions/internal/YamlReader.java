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
import java.util.Locale;
import java.util.Map;

/**
 * Reads YAML text into {@link Node} trees, one per document, keeping each node's line and column.
 * Duplicate keys are reported (the first value is kept); a syntax error ends the file. Anchors on
 * mappings and lists are resolved here, since the streaming parser hands an alias over as its bare
 * name; the parser does not expose anchors on scalars, so an alias of a scalar is reported.
 *
 * <p>An alias is kept as a reference to the anchored node, but whatever walks the tree later walks
 * it once per alias, so a few lines of aliases of aliases stand for billions of nodes. Hence the
 * bounds, each of which ends the file: its size, how deep it nests, and how many nodes a document
 * has with its aliases expanded.
 */
public final class YamlReader {

    /** Largest file or text read, in bytes of UTF-8. */
    public static final int MAX_BYTES = 1 << 20;
    /** Most nodes one document may have with its aliases expanded. */
    public static final long MAX_DOCUMENT_NODES = 100_000;
    /** Deepest nesting of mappings and lists. */
    public static final int MAX_DEPTH = 64;

    private static final YAMLFactory FACTORY = new YAMLFactory();

    public static List<Node> read(String file, String yaml, Problems problems) {
        long bytes = utf8Length(yaml);
        if (bytes > MAX_BYTES) {
            problems.report(new Position(file, 1, 1), "(file)", "must be at most " + mebibytes(MAX_BYTES),
                    mebibytes(bytes));
            return List.of();
        }
        return new YamlReader(file, problems).read(yaml);
    }

    /** A size as people read it: {@code 1 MiB}, {@code 3.2 MiB}. */
    public static String mebibytes(long bytes) {
        double mib = bytes / (double) (1 << 20);
        return (mib == Math.rint(mib) ? String.valueOf((long) mib) : String.format(Locale.ROOT, "%.1f", mib)) + " MiB";
    }

    private static long utf8Length(String text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isSurrogate(c) ? 2 : 3;
        }
        return bytes;
    }

    /** Ends the file: a bound was passed (already reported). */
    private static final class TooLarge extends Exception {

        TooLarge() {
            super(null, null, false, false);
        }
    }

    private record Anchored(Node node, long size) {
    }

    private final String file;
    private final Problems problems;
    private final Map<String, Anchored> anchors = new HashMap<>();
    /** Where the reader is: keys (String) and list indexes (Integer), turned into a path only for an error. */
    private final List<Object> path = new ArrayList<>();
    /** Nodes of the current document so far, aliases expanded. */
    private long nodes;
    private int depth;

    private YamlReader(String file, Problems problems) {
        this.file = file;
        this.problems = problems;
    }

    private List<Node> read(String yaml) {
        List<Node> documents = new ArrayList<>();
        try (YAMLParser parser = FACTORY.createParser(yaml)) {
            JsonToken token = parser.nextToken();
            while (token != null) {
                nodes = 0;
                Node document = readValue(parser, token);
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
        } catch (TooLarge e) {
            // reported where it was found
        }
        return documents;
    }

    private Node readValue(YAMLParser parser, JsonToken token) throws IOException, TooLarge {
        if (parser.isCurrentAlias()) {
            Anchored anchored = anchors.get(parser.getText());
            if (anchored == null) {
                problems.report(position(parser), path(), "must refer to an anchor on a mapping or list defined before it",
                        Problems.quote("*" + parser.getText()));
                return new Scalar(position(parser), "*" + parser.getText(), Scalar.Type.STRING);
            }
            count(anchored.size(), parser);
            return anchored.node();
        }
        String anchor = parser.getObjectId();
        long before = nodes;
        Node node = readNode(parser, token);
        if (anchor != null) {
            anchors.put(anchor, new Anchored(node, nodes - before));
        }
        return node;
    }

    private void count(long more, YAMLParser parser) throws TooLarge {
        nodes += more;
        if (nodes > MAX_DOCUMENT_NODES) {
            problems.report(position(parser), where(), "document must have at most "
                    + MAX_DOCUMENT_NODES + " nodes with its aliases expanded", "larger from here on");
            throw new TooLarge();
        }
    }

    private Node readNode(YAMLParser parser, JsonToken token) throws IOException, TooLarge {
        count(1, parser);
        if (token != JsonToken.START_OBJECT && token != JsonToken.START_ARRAY) {
            return readScalar(parser, token);
        }
        if (depth == MAX_DEPTH) {
            problems.report(position(parser), where(),
                    "mappings and lists must nest at most " + MAX_DEPTH + " deep", "deeper");
            throw new TooLarge();
        }
        depth++;
        Node node = readCollection(parser, token);
        depth--;
        return node;
    }

    private Node readCollection(YAMLParser parser, JsonToken token) throws IOException, TooLarge {
        Position at = position(parser);
        if (token == JsonToken.START_ARRAY) {
            List<Node> items = new ArrayList<>();
            for (JsonToken t = parser.nextToken(); t != JsonToken.END_ARRAY; t = parser.nextToken()) {
                path.add(items.size());
                items.add(readValue(parser, t));
                path.remove(path.size() - 1);
            }
            return new ListNode(at, items);
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String key = parser.currentName();
            Position keyAt = position(parser);
            path.add(key);
            Node value = readValue(parser, parser.nextToken());
            path.remove(path.size() - 1);
            Entry first = entries.putIfAbsent(key, new Entry(keyAt, value));
            if (first != null) {
                problems.report(keyAt, Paths.key(path(), key), "must appear once in its mapping (first at "
                        + first.keyPosition() + ")", "repeated");
            }
        }
        return new MapNode(at, entries);
    }

    private Node readScalar(YAMLParser parser, JsonToken token) throws IOException {
        Position at = position(parser);
        switch (token) {
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

    private String path() {
        return Paths.of("", path);
    }

    private String where() {
        return path.isEmpty() ? "(document)" : path();
    }

    private Position position(JsonParser parser) {
        JsonLocation location = parser.currentTokenLocation();
        return new Position(file, location.getLineNr(), location.getColumnNr());
    }
}
