package io.steadfast.definitions.internal;

import io.steadfast.definitions.internal.Node.Entry;
import io.steadfast.definitions.internal.Node.ListNode;
import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.definitions.internal.Node.Scalar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, checked access to the keys of one mapping. Every accessor reports what is wrong with its
 * key and returns null, so that a parser keeps going and every error is found in one pass.
 */
public final class Fields {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final MapNode map;
    private final String path;
    private final Problems problems;

    private Fields(MapNode map, String path, Problems problems) {
        this.map = map;
        this.path = path;
        this.problems = problems;
    }

    /**
     * Opens a mapping whose keys must be among {@code knownKeys}; reports every other key. Returns
     * null (and reports) when the node is not a mapping.
     */
    public static Fields of(Node node, String path, Problems problems, List<String> knownKeys) {
        if (!(node instanceof MapNode map)) {
            problems.report(node, path.isEmpty() ? "(document)" : path, "must be a mapping");
            return null;
        }
        String rule = null;
        for (Map.Entry<String, Entry> entry : map.entries().entrySet()) {
            if (!knownKeys.contains(entry.getKey())) {
                rule = rule == null ? "must be a known key (" + String.join(", ", knownKeys) + ")" : rule;
                problems.report(entry.getValue().keyPosition(), Paths.key(path, entry.getKey()), rule,
                        Problems.quote(entry.getKey()));
            }
        }
        return new Fields(map, path, problems);
    }

    public Problems problems() {
        return problems;
    }

    public String path() {
        return path;
    }

    public String path(String key) {
        return Paths.key(path, key);
    }

    public Position position() {
        return map.position();
    }

    public MapNode map() {
        return map;
    }

    /** The key's value, or null when it is absent or written as null. */
    public Node node(String key) {
        Node node = map.get(key);
        return node instanceof Scalar scalar && scalar.type() == Scalar.Type.NULL ? null : node;
    }

    public boolean has(String key) {
        return node(key) != null;
    }

    public Position keyPosition(String key) {
        return map.entries().get(key).keyPosition();
    }

    private Node present(String key, boolean required) {
        Node node = node(key);
        if (node == null && required) {
            Node written = map.get(key);
            problems.report(written != null ? written.position() : map.position(), path(key), "is required",
                    written != null ? "null" : "absent");
        }
        return node;
    }

    public void report(String key, String rule) {
        problems.report(map.get(key), path(key), rule);
    }

    public void report(String key, String rule, String butWas) {
        problems.report(map.get(key).position(), path(key), rule, butWas);
    }

    public String string(String key, boolean required) {
        Node node = present(key, required);
        if (node == null) {
            return null;
        }
        if (node instanceof Scalar scalar && scalar.type() == Scalar.Type.STRING) {
            return scalar.text();
        }
        problems.report(node, path(key), "must be a string");
        return null;
    }

    public String matching(String key, boolean required, Pattern pattern, String rule) {
        String text = string(key, required);
        if (text != null && !pattern.matcher(text).matches()) {
            report(key, rule);
            return null;
        }
        return text;
    }

    public String slug(String key, boolean required) {
        return matching(key, required, SLUG, "must be a slug (lower-case letters, digits and single dashes)");
    }

    public String oneOf(String key, boolean required, List<String> allowed) {
        String text = string(key, required);
        if (text != null && !allowed.contains(text)) {
            report(key, "must be one of " + String.join(", ", allowed));
            return null;
        }
        return text;
    }

    public Integer integer(String key, boolean required) {
        Node node = present(key, required);
        if (node == null) {
            return null;
        }
        return integer(node, path(key), problems);
    }

    public static Integer integer(Node node, String path, Problems problems) {
        if (node instanceof Scalar scalar && scalar.type() == Scalar.Type.INTEGER) {
            try {
                return Integer.valueOf(scalar.text());
            } catch (NumberFormatException e) {
                // out of int range: reported below like any other non-integer
            }
        }
        problems.report(node, path, "must be a whole number");
        return null;
    }

    public Double number(String key, boolean required) {
        Node node = present(key, required);
        if (node == null) {
            return null;
        }
        return number(node, path(key), problems);
    }

    public static Double number(Node node, String path, Problems problems) {
        if (node instanceof Scalar scalar
                && (scalar.type() == Scalar.Type.INTEGER || scalar.type() == Scalar.Type.DECIMAL)) {
            try {
                return Double.valueOf(scalar.text());
            } catch (NumberFormatException e) {
                // YAML forms Java cannot read (e.g. 1_000) are reported below
            }
        }
        problems.report(node, path, "must be a number");
        return null;
    }

    public Boolean bool(String key) {
        Node node = node(key);
        if (node == null) {
            return null;
        }
        if (node instanceof Scalar scalar && scalar.type() == Scalar.Type.BOOLEAN) {
            return Boolean.valueOf(scalar.text().toLowerCase());
        }
        report(key, "must be true or false");
        return null;
    }

    /** A duration written {@code 30s}, {@code 15m}, {@code 2h}, {@code 7d}, and {@code 500ms} when {@code allowMillis}. */
    public Duration duration(String key, boolean required, boolean allowMillis) {
        Node node = present(key, required);
        if (node == null) {
            return null;
        }
        String rule = allowMillis ? "must be a duration such as 500ms, 30s, 15m, 2h or 7d"
                : "must be a duration such as 30s, 15m, 2h or 7d";
        Matcher matcher = node instanceof Scalar scalar && scalar.type() == Scalar.Type.STRING
                ? DURATION.matcher(scalar.text()) : null;
        if (matcher == null || !matcher.matches() || (!allowMillis && matcher.group(2).equals("ms"))) {
            problems.report(node, path(key), rule);
            return null;
        }
        try {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        } catch (NumberFormatException | ArithmeticException e) {
            problems.report(node, path(key), "must be a duration that fits in a java.time.Duration");
            return null;
        }
    }

    /** The items of a list, or null when absent or not a list (reported). */
    public List<Node> list(String key, boolean required) {
        Node node = present(key, required);
        if (node == null) {
            return null;
        }
        if (node instanceof ListNode list) {
            return list.items();
        }
        problems.report(node, path(key), "must be a list");
        return null;
    }

    /** A list of strings; a single string is read as a list of one. */
    public List<String> strings(String key, boolean required) {
        Node node = present(key, required);
        if (node == null) {
            return null;
        }
        if (node instanceof Scalar scalar && scalar.type() == Scalar.Type.STRING) {
            return List.of(scalar.text());
        }
        if (!(node instanceof ListNode list)) {
            problems.report(node, path(key), "must be a list of strings");
            return null;
        }
        List<String> strings = new ArrayList<>();
        int before = problems.count();
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            if (item instanceof Scalar scalar && scalar.type() == Scalar.Type.STRING) {
                strings.add(scalar.text());
            } else {
                problems.report(item, Paths.index(path(key), i), "must be a string");
            }
        }
        return problems.count() == before ? strings : null;
    }

    /** A mapping of strings to scalars (read as their text), e.g. tags. */
    public Map<String, String> stringMap(String key) {
        Fields fields = map(key, false, null);
        if (fields == null) {
            return null;
        }
        Map<String, String> strings = new LinkedHashMap<>();
        for (Map.Entry<String, Entry> entry : fields.map.entries().entrySet()) {
            Node value = entry.getValue().value();
            if (value instanceof Scalar scalar && scalar.type() != Scalar.Type.NULL) {
                strings.put(entry.getKey(), scalar.text());
            } else {
                problems.report(value, fields.path(entry.getKey()), "must be a string");
            }
        }
        return strings;
    }

    /** A nested mapping; {@code knownKeys} null accepts any key. */
    public Fields map(String key, boolean required, List<String> knownKeys) {
        Node node = present(key, required);
        if (node == null) {
            return null;
        }
        if (knownKeys == null) {
            if (node instanceof MapNode nested) {
                return new Fields(nested, path(key), problems);
            }
            problems.report(node, path(key), "must be a mapping");
            return null;
        }
        return of(node, path(key), problems, knownKeys);
    }

    /** The keys written in this mapping, in order. */
    public List<String> keys() {
        return new ArrayList<>(map.entries().keySet());
    }
}
