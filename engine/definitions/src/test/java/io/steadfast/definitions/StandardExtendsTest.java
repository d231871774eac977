package io.steadfast.definitions;

import static io.steadfast.definitions.Yaml.errors;
import static io.steadfast.definitions.Yaml.withBaseSuite;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.model.Standard;
import org.junit.jupiter.api.Test;

/** {@code extends:} between standards: recursive map merge, list and scalar replace, what is not inherited, chains. */
class StandardExtendsTest {

    /** Abstract standard {@code parent} over suite base, lines 20-30; a derived document starts at line 32. */
    private static final String PARENT = withBaseSuite("""
            apiVersion: steadfast/v1
            kind: Standard
            id: parent
            abstract: true
            appliesTo: {tier: [tier-1]}
            suites: [base]
            mustPass: [host, cpu]
            categoryWeights: {scalability: 2, redundancy: 3}
            values: {passed: 100, degraded: 60, failed: 10, notRun: 0, expired: 5}
            thresholds: {pass: 70}
            gate: {onNoData: warn, sources: [steadfast-runner]}
            ---
            """);

    private static Standard child(String body) {
        LoadResult result = Yaml.load(PARENT + """
                apiVersion: steadfast/v1
                kind: Standard
                id: child
                extends: parent
                """ + body);
        assertThat(result.errors()).isEmpty();
        return result.definitions().standards().get("child");
    }

    @Test
    void shouldMergeMapsKeyByKeyRecursively() {
        Standard child = child("""
                values: {degraded: 25}
                categoryWeights: {redundancy: 1}
                gate: {evidence: same-version}
                """);

        assertThat(child.values()).isEqualTo(new Standard.Values(100, 25, 10, 0, 5));
        assertThat(child.categoryWeights()).containsEntry("scalability", 2.0).containsEntry("redundancy", 1.0);
        assertThat(child.gate().onNoData()).isEqualTo(Standard.OnNoData.WARN);
        assertThat(child.gate().evidence()).isEqualTo(Standard.Evidence.SAME_VERSION);
        assertThat(child.gate().sources()).containsExactly("steadfast-runner");
        assertThat(child.thresholds()).isEqualTo(new Standard.Thresholds(70, 60));
    }

    @Test
    void shouldReplaceListsAndScalars() {
        Standard child = child("""
                mustPass: [other]
                thresholds: {pass: 95}
                """);

        assertThat(child.mustPass()).containsExactly("other");
        assertThat(child.thresholds().pass()).isEqualTo(95);
        assertThat(child.suites()).containsExactly("base");
    }

    @Test
    void shouldNotInheritIdAppliesToOrAbstract() {
        Standard child = child("");

        assertThat(child.id()).isEqualTo("child");
        assertThat(child.extendsId()).isEqualTo("parent");
        assertThat(child.isAbstract()).isFalse();
        assertThat(child.appliesTo()).isEqualTo(Standard.AppliesTo.ANY);
    }

    @Test
    void shouldCheckTheMergedStandardAndPointAtTheValueThatBreaksIt() {
        assertThat(errors(PARENT + """
                apiVersion: steadfast/v1
                kind: Standard
                id: child
                extends: parent
                thresholds: {warn: 75}
                """)).containsExactly("f.yaml:36:20: thresholds.warn: must be <= thresholds.pass (70), but was 75");
    }

    @Test
    void shouldResolveAChainOfSeveralBases() {
        LoadResult result = Yaml.load(PARENT + """
                apiVersion: steadfast/v1
                kind: Standard
                id: child
                extends: parent
                values: {failed: 0}
                ---
                apiVersion: steadfast/v1
                kind: Standard
                id: grandchild
                extends: child
                thresholds: {warn: 50}
                """);

        assertThat(result.errors()).isEmpty();
        Standard grandchild = result.definitions().standards().get("grandchild");
        assertThat(grandchild.values()).isEqualTo(new Standard.Values(100, 60, 0, 0, 5));
        assertThat(grandchild.thresholds()).isEqualTo(new Standard.Thresholds(70, 50));
        assertThat(grandchild.mustPass()).containsExactly("host", "cpu");
    }

    @Test
    void shouldRejectAMissingBaseNamingTheChain() {
        assertThat(errors(PARENT + """
                apiVersion: steadfast/v1
                kind: Standard
                id: child
                extends: parent
                ---
                apiVersion: steadfast/v1
                kind: Standard
                id: orphan
                extends: nobody
                """)).containsExactly("f.yaml:40:10: extends: must name a defined standard, but was standard 'orphan' extends 'nobody', which is not defined");
    }

    @Test
    void shouldRejectACycleNamingTheChain() {
        assertThat(errors("""
                apiVersion: steadfast/v1
                kind: Standard
                id: a
                extends: c
                ---
                apiVersion: steadfast/v1
                kind: Standard
                id: b
                extends: a
                ---
                apiVersion: steadfast/v1
                kind: Standard
                id: c
                extends: b
                """)).containsExactly(
                "f.yaml:4:10: extends: must not form a cycle, but was standard 'a' extends 'c' extends 'b' extends 'a'",
                "f.yaml:9:10: extends: must not form a cycle, but was standard 'b' extends 'a' extends 'c' extends 'b'",
                "f.yaml:14:10: extends: must not form a cycle, but was standard 'c' extends 'b' extends 'a' extends 'c'");
    }
}
