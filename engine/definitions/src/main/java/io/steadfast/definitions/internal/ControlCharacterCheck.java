package io.steadfast.definitions.internal;

import io.steadfast.definitions.internal.Node.ListNode;
import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.definitions.internal.Node.Scalar;
import io.steadfast.text.ControlCharacters;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

/**
 * Reports every key and string of a definition document that holds a control character (see
 * {@link ControlCharacters}); a reason and the commands a fault runs may hold tab, line feed and
 * carriage return. A node that aliases share is checked once (per kind of text), so a document costs
 * what is written, not what its aliases stand for.
 */
final class ControlCharacterCheck {

    private static final Set<String> FREE_TEXT = Set.of("reason", "inject", "revert", "startCommand", "stopCommand");

    static void check(Node node, String path, boolean freeText, Problems problems) {
        new ControlCharacterCheck(problems).check(node, new ArrayList<>(List.of(path)), freeText);
    }

    private final Problems problems;
    /** Collections already checked as strict text and as free text. */
    private final Set<Node> strict = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<Node> free = Collections.newSetFromMap(new IdentityHashMap<>());

    private ControlCharacterCheck(Problems problems) {
        this.problems = problems;
    }

    /** {@code path}: the keys (String) and list indexes (Integer) down to the node, joined only for an error. */
    private void check(Node node, List<Object> path, boolean freeText) {
        if (node instanceof Scalar scalar) {
            if (scalar.type() == Scalar.Type.STRING) {
                ControlCharacters.problem(scalar.text(), freeText)
                        .ifPresent(problem -> problems.reportMessage(scalar.position(), text(path), problem));
            }
            return;
        }
        if (!(freeText ? free : strict).add(node)) {
            return;
        }
        if (node instanceof MapNode map) {
            map.entries().forEach((key, entry) -> {
                var badKey = ControlCharacters.problem("keys", key, false);
                if (badKey.isPresent()) {
                    String at = text(path);
                    problems.reportMessage(entry.keyPosition(), at.isEmpty() ? "(document)" : at, badKey.get());
                } else {
                    path.add(key);
                    check(entry.value(), path, FREE_TEXT.contains(key));
                    path.remove(path.size() - 1);
                }
            });
        } else if (node instanceof ListNode list) {
            for (int i = 0; i < list.items().size(); i++) {
                path.add(i);
                check(list.items().get(i), path, freeText);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String text(List<Object> path) {
        return Paths.of((String) path.get(0), path.subList(1, path.size()));
    }
}
