package io.steadfast.runner;

import io.steadfast.model.Dependency;
import io.steadfast.model.Instance;
import io.steadfast.model.TestDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One test instance the runner will execute: a suite's test expanded over one target.
 *
 * @param target     the dependency or zone id, or {@code ""} for a service-scope test
 * @param dependency the dependency disturbed or checked, for dependency-scope tests, else null
 * @param instances  the instances in reach: the zone's for a zone test, the service's otherwise
 */
public record PlannedTest(String suite, TestDefinition test, String target, Dependency dependency,
                          List<Instance> instances) {

    public PlannedTest {
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(test, "test");
        target = target == null ? "" : target;
        instances = List.copyOf(instances);
    }

    /** {@code dependency-latency[inventory]}, or the test id alone for a service-scope test. */
    public String name() {
        return target.isEmpty() ? test.id() : test.id() + "[" + target + "]";
    }

    /** The stages' percentages for cpu and memory faults; one null stage for every other fault. */
    public List<Integer> stages() {
        if (test.fault() == null || test.fault().stages() == null || test.fault().stages().isEmpty()) {
            return Collections.singletonList(null);
        }
        return new ArrayList<>(test.fault().stages());
    }

    /** How long each stage lasts: the test's duration shared equally. */
    public Duration stageDuration() {
        return test.duration() == null ? Duration.ZERO : test.duration().dividedBy(stages().size());
    }
}
