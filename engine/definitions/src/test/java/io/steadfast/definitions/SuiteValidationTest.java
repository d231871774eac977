package io.steadfast.definitions;

import static io.steadfast.definitions.Yaml.errors;
import static io.steadfast.definitions.Yaml.load;
import static io.steadfast.definitions.Yaml.suite;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.model.Fault;
import org.junit.jupiter.api.Test;

/** One bad input per suite rule (DESIGN §3); each test's suite starts its tests at line 8. */
class SuiteValidationTest {

    @Test
    void shouldAcceptAValidSuite() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu, stages: [50]}
                    duration: 5m
                """))).isEmpty();
    }

    @Test
    void shouldRejectIdThatIsNotASlug() {
        assertThat(errors("""
                apiVersion: steadfast/v1
                kind: TestSuite
                id: Not_A_Slug
                version: 1
                categories: [{id: c}]
                tests: [{id: t, category: c, fault: {type: blackhole}, scope: dependency, duration: 1m}]
                """)).containsExactly(
                "f.yaml:3:5: id: must be a slug (lower-case letters, digits and single dashes), but was 'Not_A_Slug'");
    }

    @Test
    void shouldRejectVersionThatIsNotPositive() {
        assertThat(errors("""
                apiVersion: steadfast/v1
                kind: TestSuite
                id: s
                version: 0
                categories: [{id: c}]
                tests: [{id: t, category: c, fault: {type: blackhole}, scope: dependency, duration: 1m}]
                """)).containsExactly("f.yaml:4:10: version: must be a positive whole number, but was 0");
    }

    @Test
    void shouldRejectMissingVersion() {
        assertThat(errors("""
                apiVersion: steadfast/v1
                kind: TestSuite
                id: s
                categories: [{id: c}]
                tests: [{id: t, category: c, fault: {type: blackhole}, scope: dependency, duration: 1m}]
                """)).containsExactly("f.yaml:1:1: version: is required, but was absent");
    }

    @Test
    void shouldRejectDuplicateCategory() {
        assertThat(errors("""
                apiVersion: steadfast/v1
                kind: TestSuite
                id: s
                version: 1
                categories: [{id: c}, {id: c}]
                tests: [{id: t, category: c, fault: {type: blackhole}, scope: dependency, duration: 1m}]
                """)).containsExactly("f.yaml:5:28: categories[1].id: must be unique among the suite's categories, but was 'c'");
    }

    @Test
    void shouldRejectTestWhoseCategoryTheSuiteDoesNotDeclare() {
        assertThat(errors(suite("""
                  - id: t
                    category: nope
                    fault: {type: cpu, stages: [50]}
                    duration: 5m
                """))).containsExactly("f.yaml:9:15: tests[0].category: must be a category the suite declares (c), but was 'nope'");
    }

    @Test
    void shouldRejectDuplicateTestId() {
        assertThat(errors(suite("""
                  - {id: t, category: c, fault: {type: cpu, stages: [50]}, duration: 5m}
                  - {id: t, category: c, fault: {type: cpu, stages: [60]}, duration: 5m}
                """))).containsExactly("f.yaml:9:10: tests[1].id: must be unique among the suite's tests, but was 't'");
    }

    @Test
    void shouldRejectUnknownScope() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    scope: cluster
                    fault: {type: cpu, stages: [50]}
                    duration: 5m
                """))).containsExactly("f.yaml:10:12: tests[0].scope: must be one of service, dependency, zone, but was 'cluster'");
    }

    @Test
    void shouldRejectWhereOutsideDependencyScope() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    where: {tls: true}
                    fault: {type: cpu, stages: [50]}
                    duration: 5m
                """))).containsExactly("f.yaml:10:12: tests[0].where: must be absent unless scope is dependency, but was a mapping");
    }

    @Test
    void shouldRejectTestWithBothFaultAndCheck() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    scope: dependency
                    fault: {type: blackhole}
                    check: {type: certificate-expiry, minValidity: 30d}
                    duration: 5m
                """))).containsExactly(
                "f.yaml:12:12: tests[0].check: must not be given together with fault (a test has exactly one of fault or check), but was a mapping");
    }

    @Test
    void shouldRejectTestWithNeitherFaultNorCheck() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    duration: 5m
                """))).containsExactly("f.yaml:8:5: tests[0].fault: is required unless check is given, but was absent");
    }

    @Test
    void shouldRejectUnknownFaultType() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: meteor}
                    duration: 5m
                """))).containsExactly("f.yaml:10:19: tests[0].fault.type: must be one of cpu, memory, instance-stop, "
                + "zone-outage, blackhole, latency, reset, bandwidth, exec, but was 'meteor'");
    }

    @Test
    void shouldRejectCpuFaultWithoutStages() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu}
                    duration: 5m
                """))).containsExactly("f.yaml:10:12: tests[0].fault.stages: is required, but was absent");
    }

    @Test
    void shouldRejectMemoryStageAbove100() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: memory, stages: [50, 101]}
                    duration: 5m
                """))).containsExactly("f.yaml:10:40: tests[0].fault.stages[1]: must be a percentage from 1 to 100, but was 101");
    }

    @Test
    void shouldRejectLatencyThatIsNotPositive() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    scope: dependency
                    fault: {type: latency, latencyMs: 0}
                    duration: 5m
                """))).containsExactly("f.yaml:11:39: tests[0].fault.latencyMs: must be > 0, but was 0");
    }

    @Test
    void shouldRejectInstanceStopCountBelowOne() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: instance-stop, count: 0}
                    duration: 5m
                """))).containsExactly("f.yaml:10:41: tests[0].fault.count: must be >= 1, but was 0");
    }

    @Test
    void shouldRejectBandwidthWithoutLimit() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    scope: dependency
                    fault: {type: bandwidth}
                    duration: 5m
                """))).containsExactly("f.yaml:11:12: tests[0].fault.bandwidthKbps: is required, but was absent");
    }

    @Test
    void shouldRejectExecFaultWithoutRevertCommand() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: exec, inject: "tc qdisc add dev eth0 root netem loss 10%"}
                    duration: 5m
                """))).containsExactly("f.yaml:10:12: tests[0].fault.revert: is required, but was absent");
    }

    @Test
    void shouldReadExecFaultCommands() {
        Fault fault = load(suite("""
                  - id: t
                    category: c
                    fault: {type: exec, inject: "touch /tmp/x", revert: "rm /tmp/x"}
                    duration: 5m
                """)).definitions().suites().get("s").tests().get(0).fault();
        assertThat(fault.inject()).isEqualTo("touch /tmp/x");
        assertThat(fault.revert()).isEqualTo("rm /tmp/x");
    }

    @Test
    void shouldRejectParameterThatDoesNotBelongToTheFaultType() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu, stages: [50], latencyMs: 100}
                    duration: 5m
                """))).containsExactly("f.yaml:10:49: tests[0].fault.latencyMs: must be absent for fault type 'cpu', but was 100");
    }

    @Test
    void shouldRejectNetworkFaultOutsideDependencyScope() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: blackhole}
                    duration: 5m
                """))).containsExactly(
                "f.yaml:10:19: tests[0].fault.type: must be used with scope dependency, but was 'blackhole' with scope service");
    }

    @Test
    void shouldRejectZoneOutageOutsideZoneScope() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: zone-outage}
                    duration: 5m
                """))).containsExactly(
                "f.yaml:10:19: tests[0].fault.type: must be used with scope zone, but was 'zone-outage' with scope service");
    }

    @Test
    void shouldRejectFaultWithoutDuration() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu, stages: [50]}
                """))).containsExactly("f.yaml:8:5: tests[0].duration: is required, but was absent");
    }

    @Test
    void shouldRejectCheckWithDuration() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    scope: dependency
                    check: {type: certificate-expiry, minValidity: 30d}
                    duration: 5m
                """))).containsExactly("f.yaml:12:15: tests[0].duration: must be absent for a check (a check applies no fault), but was '5m'");
    }

    @Test
    void shouldRejectCheckWithoutMinValidity() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    scope: dependency
                    check: {type: certificate-expiry}
                """))).containsExactly("f.yaml:11:12: tests[0].check.minValidity: is required, but was absent");
    }

    @Test
    void shouldRejectExpectThatIsNeitherSurviveNorRecoverWithin() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu, stages: [50]}
                    duration: 5m
                    expect: recover
                """))).containsExactly("f.yaml:12:13: tests[0].expect: must be survive or {recoverWithin: <duration>}, but was 'recover'");
    }

    @Test
    void shouldReadExpectRecoverWithin() {
        LoadResult result = Yaml.load(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu, stages: [50]}
                    duration: 5m
                    expect: {recoverWithin: 500ms}
                """));

        assertThat(result.errors()).isEmpty();
        assertThat(result.definitions().suites().get("s").test("t").orElseThrow().expect().recoverWithin())
                .isEqualTo(java.time.Duration.ofMillis(500));
    }

    @Test
    void shouldRejectSuiteWithoutTests() {
        assertThat(errors("""
                apiVersion: steadfast/v1
                kind: TestSuite
                id: s
                version: 1
                categories: [{id: c}]
                tests: []
                """)).containsExactly("f.yaml:6:8: tests: must hold at least one test, but was a list");
    }

    @Test
    void shouldRejectEmptyStages() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu, stages: []}
                    duration: 5m
                """))).containsExactly("f.yaml:10:32: tests[0].fault.stages: must hold at least one stage, but was a list");
    }

    @Test
    void shouldReadWhereOnADependencyTest() {
        LoadResult result = Yaml.load(suite("""
                  - id: t
                    category: c
                    scope: dependency
                    where: {tls: false, dependencies: [inventory]}
                    fault: {type: reset}
                    duration: 5m
                """));

        assertThat(result.errors()).isEmpty();
        assertThat(result.definitions().suites().get("s").test("t").orElseThrow().where())
                .isEqualTo(new io.steadfast.model.Where(false, java.util.List.of("inventory")));
    }
}
