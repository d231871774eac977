package io.steadfast.definitions.internal;

import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.definitions.internal.Node.Scalar;
import io.steadfast.model.Check;
import io.steadfast.model.Expect;
import io.steadfast.model.Fault;
import io.steadfast.model.Scope;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Where;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads and checks a suite whose {@code extends} was already merged by {@link Inheritance}. */
public final class SuiteParser {

    static final List<String> SUITE_KEYS =
            List.of("apiVersion", "kind", "id", "version", "extends", "drop", "categories", "tests");
    private static final List<String> TEST_KEYS =
            List.of("id", "category", "scope", "where", "fault", "check", "duration", "expect");
    private static final List<String> FAULT_KEYS =
            List.of("type", "stages", "count", "latencyMs", "jitterMs", "bandwidthKbps", "inject", "revert");
    private static final Map<String, Set<String>> FAULT_PARAMETERS = Map.of(
            "cpu", Set.of("stages"),
            "memory", Set.of("stages"),
            "instance-stop", Set.of("count"),
            "zone-outage", Set.of(),
            "blackhole", Set.of(),
            "latency", Set.of("latencyMs", "jitterMs"),
            "reset", Set.of(),
            "bandwidth", Set.of("bandwidthKbps"),
            "exec", Set.of("inject", "revert"));
    private static final List<String> FAULT_TYPES =
            List.of("cpu", "memory", "instance-stop", "zone-outage", "blackhole", "latency", "reset", "bandwidth", "exec");
    private static final Set<String> NETWORK_FAULTS = Set.of("blackhole", "latency", "reset", "bandwidth");

    private SuiteParser() {
    }

    /** The suite, or null when anything about it is wrong (every problem reported). */
    public static TestSuite parse(MapNode root, Problems problems) {
        int before = problems.count();
        Fields suite = Fields.of(root, "", problems, SUITE_KEYS);
        String id = suite.slug("id", true);
        Integer version = suite.integer("version", true);
        if (version != null && version < 1) {
            suite.report("version", "must be a positive whole number");
        }
        String extendsId = suite.string("extends", false);
        if (suite.has("drop")) {
            // Inheritance consumes drop when the suite extends another: one left here has nothing to drop from.
            suite.report("drop", "must be absent unless the suite extends another");
        }
        List<String> categories = categories(suite);
        List<TestDefinition> tests = new ArrayList<>();
        List<Node> testNodes = suite.list("tests", true);
        if (testNodes != null && testNodes.isEmpty()) {
            suite.report("tests", "must hold at least one test");
        }
        Set<String> testIds = new LinkedHashSet<>();
        for (int i = 0; testNodes != null && i < testNodes.size(); i++) {
            String path = Paths.index("tests", i);
            TestDefinition test = test(testNodes.get(i), path, categories, problems);
            if (test != null && !testIds.add(test.id())) {
                problems.report(((MapNode) testNodes.get(i)).get("id"), Paths.key(path, "id"),
                        "must be unique among the suite's tests");
            } else if (test != null) {
                tests.add(test);
            }
        }
        if (problems.count() != before) {
            return null;
        }
        return new TestSuite(id, version, extendsId, categories, tests);
    }

    private static List<String> categories(Fields suite) {
        List<String> categories = new ArrayList<>();
        List<Node> nodes = suite.list("categories", true);
        if (nodes != null && nodes.isEmpty()) {
            suite.report("categories", "must hold at least one category");
        }
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            Fields category = Fields.of(nodes.get(i), Paths.index("categories", i), suite.problems(), List.of("id"));
            String id = category == null ? null : category.slug("id", true);
            if (id != null && categories.contains(id)) {
                category.report("id", "must be unique among the suite's categories");
            } else if (id != null) {
                categories.add(id);
            }
        }
        return categories;
    }

    private static TestDefinition test(Node node, String path, List<String> categories, Problems problems) {
        int before = problems.count();
        Fields test = Fields.of(node, path, problems, TEST_KEYS);
        if (test == null) {
            return null;
        }
        String id = test.slug("id", true);
        String category = test.string("category", true);
        if (category != null && !categories.contains(category)) {
            test.report("category", "must be a category the suite declares (" + Problems.names(categories) + ")");
        }
        String scopeText = test.oneOf("scope", false, List.of("service", "dependency", "zone"));
        Scope scope = scopeText == null ? Scope.SERVICE : Scope.valueOf(scopeText.toUpperCase());
        Where where = where(test, scope);
        Fault fault = null;
        Check check = null;
        Duration duration = null;
        if (test.has("fault") && test.has("check")) {
            test.report("check", "must not be given together with fault (a test has exactly one of fault or check)");
        } else if (test.has("fault")) {
            fault = fault(test, scope);
            duration = test.duration("duration", true, false);
            if (duration != null && duration.isZero()) {
                test.report("duration", "must be > 0");
            }
        } else if (test.has("check")) {
            check = check(test, scope);
            if (test.has("duration")) {
                test.report("duration", "must be absent for a check (a check applies no fault)");
            }
        } else {
            problems.report(test.position(), test.path("fault"), "is required unless check is given", "absent");
        }
        Expect expect = expect(test);
        if (problems.count() != before) {
            return null;
        }
        return new TestDefinition(id, category, scope, where, fault, check, duration, expect);
    }

    private static Where where(Fields test, Scope scope) {
        if (!test.has("where")) {
            return Where.ANY;
        }
        if (scope != Scope.DEPENDENCY) {
            test.report("where", "must be absent unless scope is dependency");
            return Where.ANY;
        }
        Fields where = test.map("where", false, List.of("tls", "dependencies"));
        return where == null ? Where.ANY : new Where(where.bool("tls"), where.strings("dependencies", false));
    }

    private static Fault fault(Fields test, Scope scope) {
        Fields fault = test.map("fault", true, FAULT_KEYS);
        if (fault == null) {
            return null;
        }
        String type = fault.oneOf("type", true, FAULT_TYPES);
        if (type == null) {
            return null;
        }
        for (String key : fault.keys()) {
            if (!key.equals("type") && FAULT_KEYS.contains(key) && !FAULT_PARAMETERS.get(type).contains(key)) {
                fault.report(key, "must be absent for fault type '" + type + "'");
            }
        }
        if (type.equals("zone-outage") && scope != Scope.ZONE) {
            fault.report("type", "must be used with scope zone", scopeMismatch(type, scope));
        }
        if (NETWORK_FAULTS.contains(type) && scope != Scope.DEPENDENCY) {
            fault.report("type", "must be used with scope dependency", scopeMismatch(type, scope));
        }
        List<Integer> stages = FAULT_PARAMETERS.get(type).contains("stages") ? stages(fault) : null;
        Integer count = null;
        if (type.equals("instance-stop")) {
            count = fault.has("count") ? fault.integer("count", true) : Integer.valueOf(1);
            if (count != null && count < 1) {
                fault.report("count", "must be >= 1");
            }
        }
        Integer latencyMs = null;
        Integer jitterMs = null;
        if (type.equals("latency")) {
            latencyMs = fault.integer("latencyMs", true);
            if (latencyMs != null && latencyMs <= 0) {
                fault.report("latencyMs", "must be > 0");
            }
            jitterMs = fault.integer("jitterMs", false);
            if (jitterMs != null && jitterMs < 0) {
                fault.report("jitterMs", "must be >= 0");
            }
        }
        Integer bandwidthKbps = null;
        if (type.equals("bandwidth")) {
            bandwidthKbps = fault.integer("bandwidthKbps", true);
            if (bandwidthKbps != null && bandwidthKbps <= 0) {
                fault.report("bandwidthKbps", "must be > 0");
            }
        }
        String inject = type.equals("exec") ? fault.string("inject", true) : null;
        String revert = type.equals("exec") ? fault.string("revert", true) : null;
        return new Fault(type, stages, count, latencyMs, jitterMs, bandwidthKbps, inject, revert);
    }

    private static String scopeMismatch(String type, Scope scope) {
        return "'" + type + "' with scope " + scope.name().toLowerCase();
    }

    private static List<Integer> stages(Fields fault) {
        List<Node> nodes = fault.list("stages", true);
        if (nodes == null) {
            return null;
        }
        if (nodes.isEmpty()) {
            fault.report("stages", "must hold at least one stage");
        }
        List<Integer> stages = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            String path = Paths.index(fault.path("stages"), i);
            Integer stage = Fields.integer(nodes.get(i), path, fault.problems());
            if (stage != null && (stage < 1 || stage > 100)) {
                fault.problems().report(nodes.get(i), path, "must be a percentage from 1 to 100");
            }
            stages.add(stage);
        }
        return stages;
    }

    private static Check check(Fields test, Scope scope) {
        Fields check = test.map("check", true, List.of("type", "minValidity"));
        if (check == null) {
            return null;
        }
        String type = check.oneOf("type", true, List.of("certificate-expiry"));
        if (type != null && scope != Scope.DEPENDENCY) {
            check.report("type", "must be used with scope dependency", scopeMismatch(type, scope));
        }
        Duration minValidity = check.duration("minValidity", true, false);
        if (minValidity != null && minValidity.isZero()) {
            check.report("minValidity", "must be > 0");
        }
        return new Check(type, minValidity);
    }

    private static Expect expect(Fields test) {
        Node node = test.node("expect");
        if (node == null) {
            return Expect.SURVIVE;
        }
        if (node instanceof Scalar scalar && scalar.type() == Scalar.Type.STRING && scalar.text().equals("survive")) {
            return Expect.SURVIVE;
        }
        if (!(node instanceof MapNode)) {
            test.report("expect", "must be survive or {recoverWithin: <duration>}");
            return null;
        }
        Fields expect = test.map("expect", true, List.of("recoverWithin"));
        Duration recoverWithin = expect == null ? null : expect.duration("recoverWithin", true, true);
        if (recoverWithin != null && recoverWithin.isZero()) {
            expect.report("recoverWithin", "must be > 0");
        }
        return recoverWithin == null ? null : new Expect(recoverWithin);
    }
}
