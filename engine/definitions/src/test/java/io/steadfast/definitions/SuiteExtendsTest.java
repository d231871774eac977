package io.steadfast.definitions;

import static io.steadfast.definitions.Yaml.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.model.Expect;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code extends:} between suites: merge, add, drop, new categories, missing base, cycle. */
class SuiteExtendsTest {

    /** Suite {@code base} on lines 1-14; a derived document starts at line 16. */
    private static final String BASE = """
            apiVersion: steadfast/v1
            kind: TestSuite
            id: base
            version: 3
            categories: [{id: dependencies}]
            tests:
              - id: latency
                category: dependencies
                scope: dependency
                fault: {type: latency, latencyMs: 100}
                duration: 5m
              - id: blackhole
                category: dependencies
                scope: dependency
            ---
            """;

    private static String derived(String body) {
        return BASE.replace("                scope: dependency\n---", "") + body;
    }

    private static final String BLACKHOLE = "    fault: {type: blackhole}\n    duration: 5m\n";

    private static String base() {
        return BASE.replace("    scope: dependency\n---\n", "    scope: dependency\n" + BLACKHOLE + "---\n");
    }

    private static TestSuite load(String derived) {
        LoadResult result = Yaml.load(base() + derived);
        assertThat(result.errors()).isEmpty();
        return result.definitions().suites().get("strict");
    }

    @Test
    void shouldMergeATestWithAnInheritedIdFieldByField() {
        TestSuite strict = load("""
                apiVersion: steadfast/v1
                kind: TestSuite
                id: strict
                version: 1
                extends: base
                tests:
                  - id: latency
                    fault: {type: latency, latencyMs: 500}
                    expect: {recoverWithin: 60s}
                """);

        TestDefinition latency = strict.test("latency").orElseThrow();
        assertThat(latency.fault().latencyMs()).isEqualTo(500);
        assertThat(latency.expect()).isEqualTo(new Expect(Duration.ofSeconds(60)));
        assertThat(latency.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(latency.category()).isEqualTo("dependencies");
        assertThat(strict.extendsId()).isEqualTo("base");
        assertThat(strict.version()).isEqualTo(1);
    }

    @Test
    void shouldAddATestWithANewIdAndANewCategory() {
        TestSuite strict = load("""
                apiVersion: steadfast/v1
                kind: TestSuite
                id: strict
                version: 1
                extends: base
                categories: [{id: scalability}]
                tests:
                  - {id: cpu, category: scalability, fault: {type: cpu, stages: [80]}, duration: 10m}
                """);

        assertThat(strict.categories()).containsExactly("dependencies", "scalability");
        assertThat(strict.tests()).extracting(TestDefinition::id).containsExactly("latency", "blackhole", "cpu");
    }

    @Test
    void shouldDropInheritedTests() {
        TestSuite strict = load("""
                apiVersion: steadfast/v1
                kind: TestSuite
                id: strict
                version: 1
                extends: base
                drop: [blackhole]
                """);

        assertThat(strict.tests()).extracting(TestDefinition::id).containsExactly("latency");
    }

    @Test
    void shouldRejectDroppingATestThatIsNotInherited() {
        assertThat(errors(base() + """
                apiVersion: steadfast/v1
                kind: TestSuite
                id: strict
                version: 1
                extends: base
                drop: [blackhole, memory]
                """)).containsExactly("f.yaml:23:19: drop[1]: must name an inherited test (latency, blackhole), but was 'memory'");
    }

    @Test
    void shouldRejectDropWithoutExtends() {
        assertThat(errors(base().replace("version: 3\n", "version: 3\ndrop: [latency]\n"))).containsExactly(
                "f.yaml:5:7: drop: must be absent unless the suite extends another, but was a list");
    }

    @Test
    void shouldRejectAMissingBaseNamingTheChain() {
        assertThat(errors(base() + """
                apiVersion: steadfast/v1
                kind: TestSuite
                id: strict
                version: 1
                extends: nope
                """)).containsExactly("f.yaml:22:10: extends: must name a defined suite, but was suite 'strict' extends 'nope', which is not defined");
    }

    @Test
    void shouldRejectACycleNamingTheChain() {
        assertThat(errors("""
                apiVersion: steadfast/v1
                kind: TestSuite
                id: a
                version: 1
                extends: b
                ---
                apiVersion: steadfast/v1
                kind: TestSuite
                id: b
                version: 1
                extends: a
                """)).containsExactly(
                "f.yaml:5:10: extends: must not form a cycle, but was suite 'a' extends 'b' extends 'a'",
                "f.yaml:11:10: extends: must not form a cycle, but was suite 'b' extends 'a' extends 'b'");
    }

    @Test
    void shouldReportAnOverrideThatBreaksAnInheritedTestWhereItWasWritten() {
        assertThat(errors(base() + """
                apiVersion: steadfast/v1
                kind: TestSuite
                id: strict
                version: 1
                extends: base
                tests:
                  - {id: latency, category: scalability}
                """)).containsExactly("f.yaml:24:29: tests[0].category: must be a category the suite declares (dependencies), but was 'scalability'");
    }

    @Test
    void shouldLeaveOutASuiteWhoseBaseHasAnError() {
        LoadResult result = Yaml.load(base().replace("latencyMs: 100", "latencyMs: -1") + """
                apiVersion: steadfast/v1
                kind: TestSuite
                id: strict
                version: 1
                extends: base
                """);

        assertThat(result.errors()).extracting(DefinitionError::toString)
                .containsExactly("f.yaml:10:39: tests[0].fault.latencyMs: must be > 0, but was -1");
        assertThat(result.definitions().suites()).isEmpty();
    }
}
