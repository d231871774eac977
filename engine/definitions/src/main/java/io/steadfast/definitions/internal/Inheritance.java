package io.steadfast.definitions.internal;

import io.steadfast.definitions.internal.Node.Entry;
import io.steadfast.definitions.internal.Node.ListNode;
import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.definitions.internal.Node.Scalar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies {@code extends:} to document trees before they are read, so that what a definition
 * inherits is checked exactly like what it writes, and errors still point at the file a value came
 * from.
 *
 * <ul>
 *   <li>Suites: categories are inherited and new ones appended; a test with an inherited id merges
 *       into it field by field (a {@code fault} replaces an inherited {@code check} and vice versa);
 *       a new id adds a test; {@code drop: [ids]} removes inherited tests.</li>
 *   <li>Standards: mappings merge key by key, recursively; lists and scalars replace; {@code id},
 *       {@code appliesTo} and {@code abstract} are not inherited.</li>
 * </ul>
 */
public final class Inheritance {

    /** Most bases above a definition: {@code a extends b extends c} has two. */
    public static final int MAX_BASES = 10;

    private final String kind;
    private final Map<String, MapNode> documents;
    private final Problems problems;
    private final Budget budget;
    private final Map<String, MapNode> resolved = new HashMap<>();
    private final Map<String, List<String>> chains = new HashMap<>();

    private Inheritance(String kind, Map<String, MapNode> documents, Problems problems, Budget budget) {
        this.kind = kind;
        this.documents = documents;
        this.problems = problems;
        this.budget = budget;
    }

    static Inheritance ofSuites(Map<String, MapNode> documents, Problems problems, Budget budget) {
        return new Inheritance("suite", documents, problems, budget);
    }

    static Inheritance ofStandards(Map<String, MapNode> documents, Problems problems, Budget budget) {
        return new Inheritance("standard", documents, problems, budget);
    }

    /** The load's budget ran out while merging (already reported). */
    private static final class OverBudget extends RuntimeException {

        OverBudget() {
            super(null, null, false, false);
        }
    }

    /**
     * The document with everything it inherits merged in, or null when its chain of bases is broken
     * (a missing base, a cycle or too many bases, reported at the document's own {@code extends}) or
     * the load's budget ran out while merging.
     */
    public MapNode resolve(String id) {
        if (resolved.containsKey(id)) {
            return resolved.get(id);
        }
        List<String> chain = chain(id);
        MapNode result = null;
        if (chain != null) {
            MapNode document = documents.get(id);
            String baseId = document.text("extends");
            if (baseId == null) {
                result = document;
            } else {
                MapNode base = resolve(baseId);
                try {
                    result = base == null ? null
                            : kind.equals("suite") ? mergeSuite(base, document) : mergeStandard(base, document);
                } catch (OverBudget e) {
                    // reported by the budget; the document stays unresolved
                }
            }
        }
        resolved.put(id, result);
        return result;
    }

    /** The ids from {@code id} up to its root base, or null when the chain is broken. */
    public List<String> chain(String id) {
        if (chains.containsKey(id)) {
            return chains.get(id);
        }
        List<String> chain = new ArrayList<>(List.of(id));
        String current = id;
        while (true) {
            String baseId = documents.get(current).text("extends");
            if (baseId == null) {
                break;
            }
            if (chain.contains(baseId)) {
                chain.add(baseId);
                reportChain(id, "must not form a cycle", describe(chain));
                chain = null;
                break;
            }
            chain.add(baseId);
            if (!documents.containsKey(baseId)) {
                reportChain(id, "must name a defined " + kind, describe(chain) + ", which is not defined");
                chain = null;
                break;
            }
            if (chain.size() > MAX_BASES + 1) {
                reportChain(id, "must reach a " + kind + " without extends in at most " + MAX_BASES + " steps",
                        describe(chain) + " extends ...");
                chain = null;
                break;
            }
            current = baseId;
        }
        chains.put(id, chain);
        return chain;
    }

    private void reportChain(String id, String rule, String butWas) {
        MapNode document = documents.get(id);
        problems.report(document.get("extends").position(), "extends", rule, butWas);
    }

    private String describe(List<String> chain) {
        return kind + " " + chain.stream().map(Problems::quote).collect(Collectors.joining(" extends "));
    }

    private MapNode mergeStandard(MapNode base, MapNode derived) {
        return deepMerge(base.without(StandardParser.NOT_INHERITED.toArray(String[]::new)), derived, derived,
                new IdentityHashMap<>());
    }

    /** Spends the nodes a merge makes: a merged mapping or list costs its width. */
    private void spend(int width, MapNode document) {
        Node extendsNode = document.get("extends");
        if (!budget.spend(width, extendsNode == null ? document.position() : extendsNode.position(), "extends")) {
            throw new OverBudget();
        }
    }

    /**
     * Merges {@code derived} into {@code base}. A pair met again (aliases share subtrees on both sides)
     * gets the merge made the first time, so the result shares subtrees as its inputs do and the work
     * grows with the nodes written, not with the nodes they stand for.
     */
    private MapNode deepMerge(MapNode base, MapNode derived, MapNode document,
                              Map<MapNode, Map<MapNode, MapNode>> done) {
        MapNode known = done.getOrDefault(base, Map.of()).get(derived);
        if (known != null) {
            return known;
        }
        spend(base.entries().size() + derived.entries().size(), document);
        Map<String, Entry> merged = new LinkedHashMap<>(base.entries());
        for (Map.Entry<String, Entry> entry : derived.entries().entrySet()) {
            Node inherited = base.get(entry.getKey());
            Node own = entry.getValue().value();
            if (inherited instanceof MapNode inheritedMap && own instanceof MapNode ownMap) {
                merged.put(entry.getKey(),
                        new Entry(entry.getValue().keyPosition(), deepMerge(inheritedMap, ownMap, document, done)));
            } else {
                merged.put(entry.getKey(), entry.getValue());
            }
        }
        MapNode result = new MapNode(derived.position(), merged);
        done.computeIfAbsent(base, key -> new IdentityHashMap<>()).put(derived, result);
        return result;
    }

    private MapNode mergeSuite(MapNode base, MapNode derived) {
        spend(derived.entries().size() + widthOf(base.get("categories")) + widthOf(derived.get("categories"))
                + widthOf(base.get("tests")) * 2 + widthOf(derived.get("tests")) * 2, derived);
        MapNode merged = derived.without("drop");
        if (base.get("categories") instanceof ListNode inherited
                && (derived.get("categories") == null || derived.get("categories") instanceof ListNode)) {
            List<Node> categories = new ArrayList<>(inherited.items());
            Set<String> ids = categories.stream().map(Inheritance::idOf).collect(Collectors.toSet());
            if (derived.get("categories") instanceof ListNode own) {
                own.items().stream().filter(item -> idOf(item) == null || !ids.contains(idOf(item)))
                        .forEach(categories::add);
            }
            merged = merged.with("categories", entry(base, derived, "categories", categories));
        }
        if (base.get("tests") instanceof ListNode inherited
                && (derived.get("tests") == null || derived.get("tests") instanceof ListNode)) {
            Map<String, Node> tests = new LinkedHashMap<>();
            for (Node item : inherited.items()) {
                tests.put(idOf(item) != null ? idOf(item) : "#" + tests.size(), item);
            }
            drop(derived, tests);
            if (derived.get("tests") instanceof ListNode own) {
                for (Node item : own.items()) {
                    String id = idOf(item) != null ? idOf(item) : "#own" + tests.size();
                    Node previous = tests.get(id);
                    tests.put(id, previous instanceof MapNode previousMap && item instanceof MapNode itemMap
                            ? mergeTest(previousMap, itemMap, derived) : item);
                }
            }
            merged = merged.with("tests", entry(base, derived, "tests", new ArrayList<>(tests.values())));
        }
        return merged;
    }

    private void drop(MapNode derived, Map<String, Node> tests) {
        Node drop = derived.get("drop");
        if (drop == null) {
            return;
        }
        if (!(drop instanceof ListNode list)) {
            problems.report(drop, "drop", "must be a list of test ids");
            return;
        }
        Set<String> inherited = new LinkedHashSet<>(tests.keySet());
        for (int i = 0; i < list.items().size(); i++) {
            Node item = list.items().get(i);
            String id = item instanceof Scalar scalar && scalar.type() == Scalar.Type.STRING ? scalar.text() : null;
            if (id == null || !inherited.contains(id)) {
                problems.report(item, Paths.index("drop", i),
                        "must name an inherited test (" + Problems.names(inherited) + ")");
            } else {
                tests.remove(id);
            }
        }
    }

    private MapNode mergeTest(MapNode inherited, MapNode own, MapNode document) {
        spend(inherited.entries().size() + own.entries().size(), document);
        MapNode base = inherited;
        if (own.get("fault") != null) {
            base = base.without("check");
        }
        if (own.get("check") != null) {
            base = base.without("fault", "duration");
        }
        Map<String, Entry> merged = new LinkedHashMap<>(base.entries());
        merged.putAll(own.entries());
        return new MapNode(own.position(), merged);
    }

    private static Entry entry(MapNode base, MapNode derived, String key, List<Node> items) {
        Entry written = derived.entries().get(key);
        Entry from = written != null ? written : base.entries().get(key);
        Position listAt = written != null ? written.value().position() : from.value().position();
        return new Entry(from.keyPosition(), new ListNode(listAt, items));
    }

    private static int widthOf(Node node) {
        return node instanceof ListNode list ? list.items().size() : node instanceof MapNode map ? map.entries().size() : 0;
    }

    private static String idOf(Node node) {
        return node instanceof MapNode map ? map.text("id") : null;
    }
}
