package io.steadfast.definitions.internal;

import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.model.Standard;
import io.steadfast.model.Standard.AppliesTo;
import io.steadfast.model.Standard.Decay;
import io.steadfast.model.Standard.Evidence;
import io.steadfast.model.Standard.Freshness;
import io.steadfast.model.Standard.GatePolicy;
import io.steadfast.model.Standard.OnNoData;
import io.steadfast.model.Standard.PartialCredit;
import io.steadfast.model.Standard.Thresholds;
import io.steadfast.model.Standard.Values;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads and checks a standard whose {@code extends} was already merged by {@link Inheritance},
 * filling what nothing set with the defaults of DESIGN §3's org-default, then checks it against the
 * suites it names.
 */
public final class StandardParser {

    static final List<String> STANDARD_KEYS = List.of("apiVersion", "kind", "id", "extends", "abstract", "appliesTo",
            "suites", "categoryWeights", "testWeights", "requiredCategories", "mustPass", "values", "partialCredit",
            "freshness", "thresholds", "minCoverage", "gate");
    /** Keys a standard does not inherit from its base. */
    static final Set<String> NOT_INHERITED = Set.of("apiVersion", "kind", "id", "extends", "abstract", "appliesTo");

    public static final Values DEFAULT_VALUES = new Values(100, 50, 0, 0, 0);
    public static final Freshness DEFAULT_FRESHNESS = new Freshness(Duration.ofDays(7), Duration.ofDays(30), Decay.LINEAR);
    public static final Thresholds DEFAULT_THRESHOLDS = new Thresholds(80, 60);
    public static final GatePolicy DEFAULT_GATE =
            new GatePolicy(OnNoData.FAIL, Evidence.ANY_VERSION, List.of(), List.of());

    private static final List<String> TIERS = List.of("tier-1", "tier-2", "tier-3", "tier-4");

    private StandardParser() {
    }

    /**
     * The standard, or null when anything about it is wrong (every problem reported).
     *
     * @param suites       the suites that loaded without error
     * @param brokenSuites ids of suites that exist but have errors: naming them is not reported again
     */
    public static Standard parse(MapNode root, Problems problems, Map<String, TestSuite> suites, Set<String> brokenSuites) {
        int before = problems.count();
        Fields standard = Fields.of(root, "", problems, STANDARD_KEYS);
        String id = standard.slug("id", true);
        String extendsId = standard.string("extends", false);
        boolean isAbstract = Boolean.TRUE.equals(standard.bool("abstract"));
        AppliesTo appliesTo = appliesTo(standard);
        List<String> suiteIds = standard.strings("suites", !isAbstract);
        if (suiteIds != null && suiteIds.isEmpty() && !isAbstract) {
            standard.report("suites", "must name at least one suite");
        }
        Map<String, Double> categoryWeights = weights(standard, "categoryWeights", "category");
        Map<String, Double> testWeights = weights(standard, "testWeights", "test");
        List<String> requiredCategories = orEmpty(standard.strings("requiredCategories", false));
        List<String> mustPass = orEmpty(standard.strings("mustPass", false));
        Values values = values(standard);
        String partialCredit = standard.oneOf("partialCredit", false, List.of("none", "probes"));
        Freshness freshness = freshness(standard);
        Thresholds thresholds = thresholds(standard);
        Double minCoverage = standard.number("minCoverage", false);
        if (minCoverage != null && (minCoverage < 0 || minCoverage > 1)) {
            standard.report("minCoverage", "must be from 0 to 1");
        }
        GatePolicy gate = gate(standard);
        if (problems.count() != before) {
            return null;
        }
        List<String> effectiveSuites = orEmpty(suiteIds);
        checkAgainstSuites(standard, effectiveSuites, suites, brokenSuites);
        if (problems.count() != before) {
            return null;
        }
        return new Standard(id, extendsId, isAbstract, appliesTo, effectiveSuites, categoryWeights, testWeights,
                requiredCategories, mustPass, values,
                partialCredit == null ? PartialCredit.NONE : PartialCredit.valueOf(partialCredit.toUpperCase()),
                freshness, thresholds, minCoverage == null ? 0 : minCoverage, gate);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static AppliesTo appliesTo(Fields standard) {
        Fields applies = standard.map("appliesTo", false, List.of("tier", "team", "environment", "tags"));
        if (applies == null) {
            return AppliesTo.ANY;
        }
        List<String> tier = applies.strings("tier", false);
        for (int i = 0; tier != null && i < tier.size(); i++) {
            if (!TIERS.contains(tier.get(i))) {
                Node node = applies.node("tier");
                Node item = node instanceof Node.ListNode list ? list.items().get(i) : node;
                standard.problems().report(item, node instanceof Node.ListNode ? Paths.index(applies.path("tier"), i)
                        : applies.path("tier"), "must be one of " + String.join(", ", TIERS));
            }
        }
        return new AppliesTo(tier, applies.strings("team", false), applies.strings("environment", false),
                applies.stringMap("tags"));
    }

    private static Map<String, Double> weights(Fields standard, String key, String what) {
        Fields weights = standard.map(key, false, null);
        Map<String, Double> result = new LinkedHashMap<>();
        if (weights == null) {
            return result;
        }
        for (String name : weights.keys()) {
            Double weight = weights.number(name, true);
            if (weight != null && weight <= 0) {
                weights.report(name, "weight of " + what + " '" + name + "' must be > 0");
            } else if (weight != null) {
                result.put(name, weight);
            }
        }
        return result;
    }

    private static Values values(Fields standard) {
        Fields values = standard.map("values", false, List.of("passed", "degraded", "failed", "notRun", "expired"));
        if (values == null) {
            return DEFAULT_VALUES;
        }
        Values d = DEFAULT_VALUES;
        double passed = value(values, "passed", d.passed());
        double degraded = value(values, "degraded", d.degraded());
        double failed = value(values, "failed", d.failed());
        double notRun = value(values, "notRun", d.notRun());
        double expired = value(values, "expired", d.expired());
        Map<String, Double> others = Map.of("degraded", degraded, "failed", failed, "notRun", notRun, "expired", expired);
        for (String other : List.of("degraded", "failed", "notRun", "expired")) {
            if (others.get(other) > passed) {
                String passedText = number(passed);
                if (values.has(other)) {
                    values.report(other, "must be <= values.passed (" + passedText + ")");
                } else {
                    values.report("passed", "must be the highest value, >= values." + other + " ("
                            + number(others.get(other)) + ")");
                }
            }
        }
        return new Values(passed, degraded, failed, notRun, expired);
    }

    private static double value(Fields values, String key, double fallback) {
        Double value = values.number(key, false);
        if (value != null && (value < 0 || value > 100)) {
            values.report(key, "must be from 0 to 100");
            return fallback;
        }
        return value == null ? fallback : value;
    }

    private static Freshness freshness(Fields standard) {
        Fields freshness = standard.map("freshness", false, List.of("fullCreditFor", "expiresAfter", "decay"));
        if (freshness == null) {
            return DEFAULT_FRESHNESS;
        }
        Duration fullCreditFor = freshness.duration("fullCreditFor", false, false);
        Duration expiresAfter = freshness.duration("expiresAfter", false, false);
        String decay = freshness.oneOf("decay", false, List.of("none", "linear"));
        Duration full = fullCreditFor == null ? DEFAULT_FRESHNESS.fullCreditFor() : fullCreditFor;
        Duration expires = expiresAfter == null ? DEFAULT_FRESHNESS.expiresAfter() : expiresAfter;
        if (expiresAfter != null && expiresAfter.isZero()) {
            freshness.report("expiresAfter", "must be > 0");
        }
        if (full.compareTo(expires) > 0) {
            if (fullCreditFor != null) {
                freshness.report("fullCreditFor", "must be <= freshness.expiresAfter (" + text(freshness, "expiresAfter", expires) + ")");
            } else {
                freshness.report("expiresAfter", "must be >= freshness.fullCreditFor (" + text(freshness, "fullCreditFor", full) + ")");
            }
        }
        return new Freshness(full, expires,
                decay == null ? DEFAULT_FRESHNESS.decay() : Decay.valueOf(decay.toUpperCase()));
    }

    private static String text(Fields fields, String key, Duration fallback) {
        return fields.node(key) instanceof Node.Scalar scalar ? scalar.text() : fallback.toDays() + "d";
    }

    private static Thresholds thresholds(Fields standard) {
        Fields thresholds = standard.map("thresholds", false, List.of("pass", "warn"));
        if (thresholds == null) {
            return DEFAULT_THRESHOLDS;
        }
        double pass = value(thresholds, "pass", DEFAULT_THRESHOLDS.pass());
        double warn = value(thresholds, "warn", DEFAULT_THRESHOLDS.warn());
        if (warn > pass) {
            if (thresholds.has("warn")) {
                thresholds.report("warn", "must be <= thresholds.pass (" + number(pass) + ")");
            } else {
                thresholds.report("pass", "must be >= thresholds.warn (" + number(warn) + ")");
            }
        }
        return new Thresholds(pass, warn);
    }

    private static GatePolicy gate(Fields standard) {
        Fields gate = standard.map("gate", false, List.of("onNoData", "evidence", "environments", "sources"));
        if (gate == null) {
            return DEFAULT_GATE;
        }
        String onNoData = gate.oneOf("onNoData", false, List.of("fail", "warn", "pass"));
        String evidence = gate.oneOf("evidence", false, List.of("any-version", "same-version"));
        return new GatePolicy(
                onNoData == null ? DEFAULT_GATE.onNoData() : OnNoData.valueOf(onNoData.toUpperCase()),
                evidence == null ? DEFAULT_GATE.evidence() : Evidence.valueOf(evidence.toUpperCase().replace('-', '_')),
                orEmpty(gate.strings("environments", false)), orEmpty(gate.strings("sources", false)));
    }

    private static void checkAgainstSuites(Fields standard, List<String> suiteIds, Map<String, TestSuite> suites,
                                           Set<String> brokenSuites) {
        Problems problems = standard.problems();
        Set<String> categories = new LinkedHashSet<>();
        Map<String, String> suiteOfTest = new LinkedHashMap<>();
        boolean complete = true;
        for (int i = 0; i < suiteIds.size(); i++) {
            String suiteId = suiteIds.get(i);
            Node at = item(standard, "suites", i);
            String path = suiteIds.size() == 1 && !(standard.node("suites") instanceof Node.ListNode)
                    ? "suites" : Paths.index("suites", i);
            if (suiteIds.subList(0, i).contains(suiteId)) {
                problems.report(at, path, "must name each suite once");
                continue;
            }
            TestSuite suite = suites.get(suiteId);
            if (suite == null) {
                complete = false;
                if (!brokenSuites.contains(suiteId)) {
                    problems.report(at, path, "must name a defined suite (" + Problems.names(suites.keySet()) + ")");
                }
                continue;
            }
            categories.addAll(suite.categories());
            List<String> shared = new ArrayList<>();
            String otherSuite = null;
            for (TestDefinition test : suite.tests()) {
                String previous = suiteOfTest.putIfAbsent(test.id(), suiteId);
                if (previous != null) {
                    shared.add(test.id());
                    otherSuite = previous;
                }
            }
            if (!shared.isEmpty()) {
                problems.report(at.position(), path, "must not share test ids with another suite of the standard",
                        "'" + suiteId + "', whose tests " + Problems.names(shared) + " are also in '" + otherSuite + "'");
            }
        }
        if (!complete || suiteIds.isEmpty()) {
            return;
        }
        checkNames(standard, "categoryWeights", categories, "a category of the standard's suites");
        checkNames(standard, "testWeights", suiteOfTest.keySet(), "a test of the standard's suites");
        checkItems(standard, "requiredCategories", categories, "a category of the standard's suites");
        checkItems(standard, "mustPass", suiteOfTest.keySet(), "a test of the standard's suites");
    }

    private static Node item(Fields fields, String key, int index) {
        Node node = fields.node(key);
        return node instanceof Node.ListNode list ? list.items().get(index) : node;
    }

    private static void checkNames(Fields standard, String key, Set<String> known, String what) {
        Fields map = standard.map(key, false, null);
        if (map == null) {
            return;
        }
        String rule = null;
        for (String name : map.keys()) {
            if (!known.contains(name)) {
                rule = rule == null ? "must name " + what + " (" + Problems.names(known) + ")" : rule;
                standard.problems().report(map.keyPosition(name), map.path(name), rule, Problems.quote(name));
            }
        }
    }

    private static void checkItems(Fields standard, String key, Set<String> known, String what) {
        List<String> names = standard.strings(key, false);
        String rule = null;
        for (int i = 0; names != null && i < names.size(); i++) {
            if (!known.contains(names.get(i))) {
                rule = rule == null ? "must name " + what + " (" + Problems.names(known) + ")" : rule;
                boolean list = standard.node(key) instanceof Node.ListNode;
                standard.problems().report(item(standard, key, i), list ? Paths.index(key, i) : key, rule);
            }
        }
    }

    static String number(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
