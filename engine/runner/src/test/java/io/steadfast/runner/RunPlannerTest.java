package io.steadfast.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.model.Check;
import io.steadfast.model.Dependency;
import io.steadfast.model.Fault;
import io.steadfast.model.Instance;
import io.steadfast.model.Scope;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Where;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunPlannerTest {

    private static final ServiceDefinition CHECKOUT = new ServiceDefinition("checkout", null, "payments", "tier-1",
            null, Map.of(), null, List.of(),
            List.of(new Instance("checkout-1", "a", null, null, null), new Instance("checkout-2", "b", null, null, null),
                    new Instance("checkout-3", "a", null, null, null)),
            List.of(new Dependency("inventory", "127.0.0.1:9001", false, null),
                    new Dependency("payments", "payments.internal:443", true, null)));

    private static TestDefinition test(String id, Scope scope, Where where, Fault fault, Check check) {
        return new TestDefinition(id, "c", scope, where, fault, check, Duration.ofMinutes(5), null);
    }

    private static final TestSuite SUITE = new TestSuite("recommended", 1, null, List.of("c"), List.of(
            test("host", Scope.SERVICE, null, new Fault("instance-stop", null, 1, null, null, null, null, null), null),
            test("zone", Scope.ZONE, null, new Fault("zone-outage", null, null, null, null, null, null, null), null),
            test("dependency-failure", Scope.DEPENDENCY, null,
                    new Fault("blackhole", null, null, null, null, null, null, null), null),
            test("certificate-expiry", Scope.DEPENDENCY, new Where(true, null), null,
                    new Check("certificate-expiry", Duration.ofDays(30)))));

    @Test
    void shouldExpandEveryTestOverItsTargetsInTheSuitesOrder() {
        List<PlannedTest> plan = RunPlanner.plan(CHECKOUT, List.of(SUITE), null);

        assertThat(plan).extracting(PlannedTest::name).containsExactly("host", "zone[a]", "zone[b]",
                "dependency-failure[inventory]", "dependency-failure[payments]", "certificate-expiry[payments]");
    }

    @Test
    void shouldGiveAZoneTestOnlyThatZonesInstances() {
        PlannedTest zoneA = RunPlanner.plan(CHECKOUT, List.of(SUITE), "zone").get(0);

        assertThat(zoneA.instances()).extracting(Instance::id).containsExactly("checkout-1", "checkout-3");
    }

    @Test
    void shouldGiveADependencyTestItsDependency() {
        PlannedTest test = RunPlanner.plan(CHECKOUT, List.of(SUITE), "certificate-expiry").get(0);

        assertThat(test.dependency().endpoint()).isEqualTo("payments.internal:443");
    }

    @Test
    void shouldRejectATestThatTheSuitesDoNotHold() {
        assertThatThrownBy(() -> RunPlanner.plan(CHECKOUT, List.of(SUITE), "meteor"))
                .hasMessage("test 'meteor' must be a test of suite(s) [recommended], but was not found");
    }
}
