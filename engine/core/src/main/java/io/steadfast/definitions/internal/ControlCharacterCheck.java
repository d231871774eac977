package io.steadfast.definitions.internal;

import io.steadfast.definitions.internal.Node.Entry;
import io.steadfast.definitions.internal.Node.ListNode;
import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.definitions.internal.Node.Scalar;
import io.steadfast.text.ControlCharacters;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reports every key and string of a definition document that holds a control character (see
 * {@link ControlCharacters}); a reason and the commands a fault runs may hold tab, line feed and
 * carriage return. A node that aliases share is checked once (per kind of text), so a document costs
 * what is written, not what its aliases stand for.
 */
final class ControlCharacterCheck {

    private static final Set<String> FREE_TEXT = Set.of("reason", "inject", "revert", "startCommand", "stopCommand");

    private ControlCharacterCheck() {
    }

    static void check(Node node, String path, boolean freeText, Problems problems) {
        check(node, path, freeText, problems, Collections.newSetFromMap(new IdentityHashMap<>()),
                Collections.newSetFromMap(new IdentityHashMap<>()));
    }

    private static void check(Node node, String path, boolean freeText, Problems problems, Set<Node> strict,
                              Set<Node> free) {
        if (!(freeText ? free : strict).add(node)) {
            return;
        }
        if (node instanceof Scalar scalar && scalar.type() == Scalar.Type.STRING) {
            ControlCharacters.problem(scalar.text(), freeText)
                    .ifPresent(problem -> problems.reportMessage(scalar.position(), path, problem));
        } else if (node instanceof MapNode map) {
            for (Map.Entry<String, Entry> entry : map.entries().entrySet()) {
                var badKey = ControlCharacters.problem("keys", entry.getKey(), false);
                if (badKey.isPresent()) {
                    problems.reportMessage(entry.getValue().keyPosition(), path.isEmpty() ? "(document)" : path,
                            badKey.get());
                } else {
                    check(entry.getValue().value(), Paths.key(path, entry.getKey()),
                            FREE_TEXT.contains(entry.getKey()), problems, strict, free);
                }
            }
        } else if (node instanceof ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                check(list.items().get(i), Paths.index(path, i), freeText, problems, strict, free);
            }
        }
    }
}
