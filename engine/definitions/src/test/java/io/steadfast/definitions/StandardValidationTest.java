package io.steadfast.definitions;

import static io.steadfast.definitions.Yaml.errors;
import static io.steadfast.definitions.Yaml.standard;
import static io.steadfast.definitions.Yaml.withBaseSuite;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.model.Standard;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One bad input per standard rule (DESIGN §3); each extra line of the standard is at line 24. */
class StandardValidationTest {

    @Test
    void shouldFillEveryDefaultOfOrgDefault() {
        LoadResult result = Yaml.load(standard(""));

        assertThat(result.errors()).isEmpty();
        Standard standard = result.definitions().standards().get("std");
        assertThat(standard.values()).isEqualTo(new Standard.Values(100, 50, 0, 0, 0));
        assertThat(standard.partialCredit()).isEqualTo(Standard.PartialCredit.NONE);
        assertThat(standard.freshness()).isEqualTo(
                new Standard.Freshness(Duration.ofDays(7), Duration.ofDays(30), Standard.Decay.LINEAR));
        assertThat(standard.thresholds()).isEqualTo(new Standard.Thresholds(80, 60));
        assertThat(standard.minCoverage()).isZero();
        assertThat(standard.gate()).isEqualTo(
                new Standard.GatePolicy(Standard.OnNoData.FAIL, Standard.Evidence.ANY_VERSION, List.of(), List.of()));
        assertThat(standard.categoryWeights()).isEmpty();
        assertThat(standard.mustPass()).isEmpty();
        assertThat(standard.appliesTo()).isEqualTo(Standard.AppliesTo.ANY);
        assertThat(standard.isAbstract()).isFalse();
    }

    @Test
    void shouldRequireSuitesOnAConcreteStandard() {
        assertThat(errors(withBaseSuite("""
                apiVersion: steadfast/v1
                kind: Standard
                id: std
                """))).containsExactly("f.yaml:20:1: suites: is required, but was absent");
    }

    @Test
    void shouldAllowAnAbstractStandardWithoutSuites() {
        assertThat(errors("""
                apiVersion: steadfast/v1
                kind: Standard
                id: std
                abstract: true
                """)).isEmpty();
    }

    @Test
    void shouldRejectUnknownSuite() {
        assertThat(errors(withBaseSuite("""
                apiVersion: steadfast/v1
                kind: Standard
                id: std
                suites: [nope]
                """))).containsExactly("f.yaml:23:10: suites[0]: must name a defined suite (base), but was 'nope'");
    }

    @Test
    void shouldRejectTheSameTestIdInTwoSuitesOfOneStandard() {
        assertThat(errors(withBaseSuite("""
                apiVersion: steadfast/v1
                kind: TestSuite
                id: copy
                version: 1
                extends: base
                ---
                apiVersion: steadfast/v1
                kind: Standard
                id: std
                suites: [base, copy]
                """))).containsExactly("f.yaml:29:16: suites[1]: must not share test ids with another suite of the "
                + "standard, but was 'copy', whose tests cpu, host, other are also in 'base'");
    }

    @Test
    void shouldRejectCategoryWeightThatIsNotPositive() {
        assertThat(errors(standard("categoryWeights: {redundancy: -1}\n"))).containsExactly(
                "f.yaml:24:31: categoryWeights.redundancy: weight of category 'redundancy' must be > 0, but was -1");
    }

    @Test
    void shouldRejectTestWeightThatIsNotPositive() {
        assertThat(errors(standard("testWeights: {cpu: 0}\n"))).containsExactly(
                "f.yaml:24:20: testWeights.cpu: weight of test 'cpu' must be > 0, but was 0");
    }

    @Test
    void shouldRejectCategoryWeightOfAnUnknownCategory() {
        assertThat(errors(standard("categoryWeights: {latency: 2}\n"))).containsExactly(
                "f.yaml:24:19: categoryWeights.latency: must name a category of the standard's suites "
                        + "(scalability, redundancy), but was 'latency'");
    }

    @Test
    void shouldRejectTestWeightOfAnUnknownTest() {
        assertThat(errors(standard("testWeights: {disk: 2}\n"))).containsExactly(
                "f.yaml:24:15: testWeights.disk: must name a test of the standard's suites (cpu, host, other), but was 'disk'");
    }

    @Test
    void shouldRejectRequiredCategoryThatTheSuitesDoNotHave() {
        assertThat(errors(standard("requiredCategories: [latency]\n"))).containsExactly(
                "f.yaml:24:22: requiredCategories[0]: must name a category of the standard's suites "
                        + "(scalability, redundancy), but was 'latency'");
    }

    @Test
    void shouldRejectMustPassNamingAnUnknownTest() {
        assertThat(errors(standard("mustPass: [host, nope]\n"))).containsExactly(
                "f.yaml:24:18: mustPass[1]: must name a test of the standard's suites (cpu, host, other), but was 'nope'");
    }

    @Test
    void shouldRejectValueAbove100() {
        assertThat(errors(standard("values: {passed: 120}\n")))
                .containsExactly("f.yaml:24:18: values.passed: must be from 0 to 100, but was 120");
    }

    @Test
    void shouldRejectValueAbovePassed() {
        assertThat(errors(standard("values: {passed: 80, failed: 90}\n")))
                .containsExactly("f.yaml:24:30: values.failed: must be <= values.passed (80), but was 90");
    }

    @Test
    void shouldRejectPassedBelowAnInheritedOrDefaultValue() {
        assertThat(errors(standard("values: {passed: 40}\n"))).containsExactly(
                "f.yaml:24:18: values.passed: must be the highest value, >= values.degraded (50), but was 40");
    }

    @Test
    void shouldRejectUnknownPartialCredit() {
        assertThat(errors(standard("partialCredit: some\n")))
                .containsExactly("f.yaml:24:16: partialCredit: must be one of none, probes, but was 'some'");
    }

    @Test
    void shouldRejectFullCreditLongerThanExpiry() {
        assertThat(errors(standard("freshness: {fullCreditFor: 30d, expiresAfter: 7d}\n"))).containsExactly(
                "f.yaml:24:28: freshness.fullCreditFor: must be <= freshness.expiresAfter (7d), but was '30d'");
    }

    @Test
    void shouldRejectUnknownDecay() {
        assertThat(errors(standard("freshness: {decay: exponential}\n")))
                .containsExactly("f.yaml:24:20: freshness.decay: must be one of none, linear, but was 'exponential'");
    }

    @Test
    void shouldRejectWarnAbovePass() {
        assertThat(errors(standard("thresholds: {pass: 80, warn: 90}\n")))
                .containsExactly("f.yaml:24:30: thresholds.warn: must be <= thresholds.pass (80), but was 90");
    }

    @Test
    void shouldRejectThresholdAbove100() {
        assertThat(errors(standard("thresholds: {pass: 101}\n")))
                .containsExactly("f.yaml:24:20: thresholds.pass: must be from 0 to 100, but was 101");
    }

    @Test
    void shouldRejectMinCoverageAboveOne() {
        assertThat(errors(standard("minCoverage: 1.5\n")))
                .containsExactly("f.yaml:24:14: minCoverage: must be from 0 to 1, but was 1.5");
    }

    @Test
    void shouldRejectUnknownOnNoData() {
        assertThat(errors(standard("gate: {onNoData: maybe}\n")))
                .containsExactly("f.yaml:24:18: gate.onNoData: must be one of fail, warn, pass, but was 'maybe'");
    }

    @Test
    void shouldRejectUnknownEvidence() {
        assertThat(errors(standard("gate: {evidence: latest}\n"))).containsExactly(
                "f.yaml:24:18: gate.evidence: must be one of any-version, same-version, but was 'latest'");
    }

    @Test
    void shouldRejectGateSourcesThatAreNotStrings() {
        assertThat(errors(standard("gate: {sources: [1]}\n")))
                .containsExactly("f.yaml:24:18: gate.sources[0]: must be a string, but was 1");
    }

    @Test
    void shouldRejectUnknownTierInAppliesTo() {
        assertThat(errors(standard("appliesTo: {tier: [tier-9]}\n")))
                .containsExactly("f.yaml:24:20: appliesTo.tier[0]: must be one of tier-1, tier-2, tier-3, tier-4, but was 'tier-9'");
    }

    @Test
    void shouldReadEveryAppliesToCondition() {
        LoadResult result = Yaml.load(standard(
                "appliesTo: {tier: [tier-1, tier-2], team: [payments], environment: [production], tags: {pci: 'yes'}}\n"));

        assertThat(result.errors()).isEmpty();
        Standard.AppliesTo appliesTo = result.definitions().standards().get("std").appliesTo();
        assertThat(appliesTo).isEqualTo(new Standard.AppliesTo(List.of("tier-1", "tier-2"), List.of("payments"),
                List.of("production"), java.util.Map.of("pci", "yes")));
        assertThat(appliesTo.specificity()).isEqualTo(4);
    }

    @Test
    void shouldLeaveOutAStandardWhoseSuiteHasErrorsWithoutBlamingTheStandard() {
        LoadResult result = Yaml.load(standard("").replace("stages: [50]", "stages: [0]"));

        assertThat(result.errors()).extracting(DefinitionError::toString)
                .containsExactly("f.yaml:9:33: tests[0].fault.stages[0]: must be a percentage from 1 to 100, but was 0");
        assertThat(result.definitions().standards()).isEmpty();
    }

    @Test
    void shouldRejectTheSameStandardIdTwice() {
        assertThat(errors(standard("---\n" + """
                apiVersion: steadfast/v1
                kind: Standard
                id: std
                abstract: true
                """))).containsExactly(
                "f.yaml:27:5: id: must be unique among standards (first defined at f.yaml:22:5), but was 'std'");
    }

    @Test
    void shouldRejectASuiteNamedTwice() {
        assertThat(errors(withBaseSuite("""
                apiVersion: steadfast/v1
                kind: Standard
                id: std
                suites: [base, base]
                """))).containsExactly("f.yaml:23:16: suites[1]: must name each suite once, but was 'base'");
    }
}
