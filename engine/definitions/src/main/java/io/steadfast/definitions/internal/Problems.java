package io.steadfast.definitions.internal;

import io.steadfast.definitions.DefinitionError;
import io.steadfast.definitions.internal.Node.ListNode;
import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.definitions.internal.Node.Scalar;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Collects every error of a load. The same error found twice (a bad value inherited by several
 * definitions) is kept once. Past {@value #MAX_LISTED} errors the rest are only counted: a file of
 * 80,000 bad keys must not cost more to report than to read.
 */
public final class Problems {

    public static final int MAX_LISTED = 1000;
    private static final int MAX_NAMES = 20;

    private final Map<String, DefinitionError> errors = new LinkedHashMap<>();
    private int reported;
    private Position firstUnlisted;
    private int unlisted;

    public void report(Position at, String path, String rule, String butWas) {
        reported++;
        if (errors.size() == MAX_LISTED) {
            firstUnlisted = firstUnlisted == null ? at : firstUnlisted;
            unlisted++;
            return;
        }
        DefinitionError error = new DefinitionError(at.file(), at.line(), at.column(), path, rule + ", but was " + butWas);
        errors.putIfAbsent(at + ":" + error.message(), error);
    }

    /** Reports a problem whose message already says the rule and what broke it. */
    public void reportMessage(Position at, String path, String message) {
        reported++;
        DefinitionError error = new DefinitionError(at.file(), at.line(), at.column(), path, message);
        errors.putIfAbsent(at + ":" + error.message(), error);
    }

    /** Reports a problem with a node's value, describing the value as it was written. */
    public void report(Node node, String path, String rule) {
        report(node.position(), path, rule, describe(node));
    }

    /** How many errors were reported so far, duplicates included: compare two counts to see if a step failed. */
    public int count() {
        return reported;
    }

    /**
     * The errors, sorted by file, line and column (stable: errors at one node keep the order found);
     * past {@value #MAX_LISTED}, one more at the first error left out says how many were.
     */
    public List<DefinitionError> errors() {
        List<DefinitionError> sorted = new ArrayList<>(errors.values());
        sorted.sort(Comparator.comparing(DefinitionError::file).thenComparingInt(DefinitionError::line)
                .thenComparingInt(DefinitionError::column));
        if (firstUnlisted != null) {
            sorted.add(new DefinitionError(firstUnlisted.file(), firstUnlisted.line(), firstUnlisted.column(), "(errors)",
                    "at most " + MAX_LISTED + " errors are listed, but " + unlisted + " more were found from here on"));
        }
        return sorted;
    }

    public static String describe(Node node) {
        if (node instanceof Scalar scalar) {
            return scalar.type() == Scalar.Type.STRING ? quote(scalar.text()) : scalar.text();
        }
        if (node instanceof MapNode) {
            return "a mapping";
        }
        if (node instanceof ListNode) {
            return "a list";
        }
        return "absent";
    }

    /**
     * The names a value may take, as a message lists them: the first {@value #MAX_NAMES}, then how many
     * more there are (a standard over suites of 9,000 tests must not repeat them in every error).
     * No names at all reads {@code none is defined}.
     */
    public static String names(Collection<String> names) {
        if (names.isEmpty()) {
            return "none is defined";
        }
        if (names.size() <= MAX_NAMES) {
            return String.join(", ", names);
        }
        return names.stream().limit(MAX_NAMES).collect(Collectors.joining(", "))
                + " and " + (names.size() - MAX_NAMES) + " more";
    }

    public static String quote(String text) {
        return "'" + text + "'";
    }
}
