package io.steadfast.definitions.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML node that remembers where it was written, so that an error found after {@code extends}
 * merged several documents still points at the file and line the bad value came from.
 */
public sealed interface Node {

    Position position();

    /**
     * How many nodes this one stands for with every alias under it expanded, itself included: what a
     * walk over it visits. Kept on each node so that a tree sharing subtrees is measured without
     * walking it.
     */
    long size();

    /** A mapping, in document order; {@code size} is computed from the entries, whatever is passed. */
    record MapNode(Position position, Map<String, Entry> entries, long size) implements Node {

        public MapNode {
            entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
            size = 1 + entries.values().stream().mapToLong(entry -> entry.value().size()).sum();
        }

        public MapNode(Position position, Map<String, Entry> entries) {
            this(position, entries, 0);
        }

        public Node get(String key) {
            Entry entry = entries.get(key);
            return entry == null ? null : entry.value();
        }

        /** The key's text if its value is a plain scalar, else null. */
        public String text(String key) {
            return get(key) instanceof Scalar scalar && scalar.type() != Scalar.Type.NULL ? scalar.text() : null;
        }

        public MapNode with(String key, Entry entry) {
            Map<String, Entry> copy = new LinkedHashMap<>(entries);
            copy.put(key, entry);
            return new MapNode(position, copy);
        }

        public MapNode without(String... keys) {
            Map<String, Entry> copy = new LinkedHashMap<>(entries);
            for (String key : keys) {
                copy.remove(key);
            }
            return new MapNode(position, copy);
        }
    }

    /** One key of a mapping: where the key was written, and its value. */
    record Entry(Position keyPosition, Node value) {
    }

    /** A list; {@code size} is computed from the items, whatever is passed. */
    record ListNode(Position position, List<Node> items, long size) implements Node {

        public ListNode {
            items = List.copyOf(items);
            size = 1 + items.stream().mapToLong(Node::size).sum();
        }

        public ListNode(Position position, List<Node> items) {
            this(position, items, 0);
        }
    }

    record Scalar(Position position, String text, Type type) implements Node {

        @Override
        public long size() {
            return 1;
        }

        public enum Type { STRING, INTEGER, DECIMAL, BOOLEAN, NULL }
    }
}
