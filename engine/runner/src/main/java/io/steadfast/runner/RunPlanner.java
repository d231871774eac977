package io.steadfast.runner;

import io.steadfast.model.Dependency;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Expands suites' tests over a service, in the suites' order, the way the score expects them. */
public final class RunPlanner {

    private RunPlanner() {
    }

    /**
     * @param testOrNull only this test id, or null for every test
     * @throws IllegalArgumentException when {@code testOrNull} names no test of the suites
     */
    public static List<PlannedTest> plan(ServiceDefinition service, List<TestSuite> suites, String testOrNull) {
        List<PlannedTest> planned = new ArrayList<>();
        boolean found = false;
        for (TestSuite suite : suites) {
            for (TestDefinition test : suite.tests()) {
                if (testOrNull != null && !test.id().equals(testOrNull)) {
                    continue;
                }
                found = true;
                expand(service, suite.id(), test, planned);
            }
        }
        if (testOrNull != null && !found) {
            throw new IllegalArgumentException("test '" + testOrNull + "' must be a test of suite(s) "
                    + suites.stream().map(TestSuite::id).toList() + ", but was not found");
        }
        return planned;
    }

    private static void expand(ServiceDefinition service, String suite, TestDefinition test, List<PlannedTest> into) {
        switch (test.scope()) {
            case SERVICE -> into.add(new PlannedTest(suite, test, "", null, service.instances()));
            case ZONE -> {
                for (String zone : service.zones()) {
                    List<Instance> inZone = service.instances().stream()
                            .filter(instance -> Objects.equals(instance.zone(), zone)).toList();
                    into.add(new PlannedTest(suite, test, zone, null, inZone));
                }
            }
            case DEPENDENCY -> {
                for (Dependency dependency : service.dependencies()) {
                    if (test.where().matches(dependency)) {
                        into.add(new PlannedTest(suite, test, dependency.id(), dependency, List.of()));
                    }
                }
            }
            default -> throw new IllegalStateException("scope " + test.scope() + " is not handled");
        }
    }
}
