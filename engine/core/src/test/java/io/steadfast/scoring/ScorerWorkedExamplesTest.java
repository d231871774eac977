package io.steadfast.scoring;

import static io.steadfast.scoring.Fixtures.NOW;
import static io.steadfast.scoring.Fixtures.days;
import static io.steadfast.scoring.Fixtures.hours;
import static io.steadfast.scoring.Fixtures.request;
import static io.steadfast.scoring.Fixtures.result;
import static io.steadfast.scoring.Fixtures.service;
import static io.steadfast.scoring.Fixtures.standard;
import static io.steadfast.scoring.Fixtures.suite;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Where;
import io.steadfast.scoring.ScoreReport.CategoryScore;
import io.steadfast.scoring.ScoreReport.InstanceScore;
import io.steadfast.scoring.ScoreReport.NextAction;
import io.steadfast.scoring.ScoreReport.NotApplicable;
import io.steadfast.spi.result.ResultStatus;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scores worked out by hand, each in the comment above its assertions. */
class ScorerWorkedExamplesTest {

    private static final double EXACT = 1e-9;

    /** One zone, one dependency without TLS: every applicable test expands to exactly one instance. */
    private static final ServiceDefinition CHECKOUT = service("checkout")
            .instance("checkout-1", "a")
            .dependency("inventory", false)
            .build();

    @Test
    void shouldScoreGremlinStyleStandardWithPlainAverages() {
        Standard gremlin = Fixtures.gremlinStyle("gremlin").build();

        ScoreReport report = request(CHECKOUT, gremlin).results(
                result("cpu").ago(days(2)),                                          // 100
                result("memory").failed().ago(days(1)),                              // 50
                result("host").ago(days(10)),                                        // expired: 75
                // zone 'a': not run                                                   0
                result("dependency-failure").target("inventory").ago(days(1)),       // 100
                result("dependency-latency").target("inventory").failed().ago(days(8)) // expired: 75
        ).score();

        // scalability  (100 + 50) / 2 = 75
        // redundancy   (75 + 0) / 2   = 37.5
        // dependencies (100 + 75) / 2 = 87.5     (certificate-expiry: not applicable)
        // score = (75 + 37.5 + 87.5) / 3 = 200 / 3 = 66.666... -> 66.7, WARN (60 <= 66.7 < 80)
        assertThat(report.categories()).extracting(CategoryScore::category, CategoryScore::score)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("dependencies", 87.5),
                        org.assertj.core.groups.Tuple.tuple("redundancy", 37.5),
                        org.assertj.core.groups.Tuple.tuple("scalability", 75.0));
        assertThat(report.unroundedScore()).isCloseTo(200.0 / 3, within(EXACT));
        assertThat(report.score()).isEqualByComparingTo("66.7");
        assertThat(report.verdict()).isEqualTo(Verdict.WARN);
        assertThat(report.reasons()).containsExactly("score 66.7 is below the pass threshold 80");
        // fresh: cpu, memory (scalability 1), dependency-failure (dependencies 1/2): (1 + 0 + 0.5) / 3
        assertThat(report.coverage()).isCloseTo(0.5, within(EXACT));
        assertThat(report.notApplicable()).containsExactly(new NotApplicable("recommended", "certificate-expiry",
                "dependencies", "service has no dependency with tls: true"));
        // memory: 1/3 x 1/2 x 50 = 8.333...
        assertThat(instance(report, "memory", "").points()).isCloseTo(50.0 / 6, within(EXACT));
        assertThat(instance(report, "host", "").valueNote()).isEqualTo("PASSED 10d old: expired");
    }

    @Test
    void shouldWeighTestsAndCreditProbesForFailedAndHaltedResults() {
        TestSuite litmus = suite("litmus")
                .test("cpu-hog", "scalability").test("memory-hog", "scalability").test("pod-delete", "redundancy")
                .build();
        Standard weighted = standard("litmus-style").suites("litmus").probes()
                .categoryWeight("scalability", 2).testWeight("cpu-hog", 3)
                .build();

        ScoreReport report = request(CHECKOUT, weighted).suites(litmus).results(
                result("cpu-hog").suite("litmus").failed().probes(45, 60).ago(days(1)),   // 0 + 0.75 x 100 = 75
                result("memory-hog").suite("litmus").ago(days(1)),                        // 100
                result("pod-delete").suite("litmus").status(ResultStatus.HALTED).probes(10, 40).ago(days(1)) // 25
        ).score();

        // scalability (W 2): (3 x 75 + 1 x 100) / 4 = 81.25;  redundancy (W 1): 25
        // score = (2 x 81.25 + 1 x 25) / 3 = 187.5 / 3 = 62.5 -> WARN
        assertThat(report.unroundedScore()).isCloseTo(62.5, within(EXACT));
        assertThat(report.score()).isEqualByComparingTo("62.5");
        assertThat(report.verdict()).isEqualTo(Verdict.WARN);
        assertThat(category(report, "scalability").score()).isCloseTo(81.25, within(EXACT));
        // points: cpu-hog 2/3 x 3/4 x 75 = 37.5; memory-hog 2/3 x 1/4 x 100 = 16.67; pod-delete 1/3 x 25 = 8.33
        assertThat(instance(report, "cpu-hog", "").points()).isCloseTo(37.5, within(EXACT));
        assertThat(instance(report, "memory-hog", "").points()).isCloseTo(200.0 / 12, within(EXACT));
        assertThat(instance(report, "pod-delete", "").points()).isCloseTo(25.0 / 3, within(EXACT));
        assertThat(instance(report, "cpu-hog", "").valueNote()).isEqualTo("FAILED 1d old: full credit (75, probes 45/60)");
        // next: cpu-hog would add 2/3 x 3/4 x 25 = 12.5; pod-delete 1/3 x 75 = 25
        assertThat(report.nextActions()).extracting(NextAction::test, NextAction::pointsIfPassed)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("pod-delete", 25.0),
                        org.assertj.core.groups.Tuple.tuple("cpu-hog", 12.5));
    }

    @Test
    void shouldDecayLinearlyFromBaseToExpiredBetweenFullCreditAndExpiry() {
        TestSuite one = suite("one").test("host", "redundancy").build();
        Standard standard = standard("linear").suites("one").values(100, 50, 0, 0, 20).build(); // 7d .. 30d linear

        ScoreReport report = request(CHECKOUT, standard).suites(one)
                .results(result("host").suite("one").ago(days(12))).score();

        // 12d old: (12 - 7) / (30 - 7) = 5/23 of the way from 100 to 20: 100 - 80 x 5/23 = 1900/23 = 82.6086...
        assertThat(report.unroundedScore()).isCloseTo(1900.0 / 23, within(EXACT));
        assertThat(report.score()).isEqualByComparingTo("82.6");
        InstanceScore host = instance(report, "host", "");
        assertThat(host.fresh()).isTrue();
        assertThat(host.valueNote()).isEqualTo("PASSED 12d old: decayed linearly from 100 to 82.61");
    }

    @Test
    void shouldFlagNextActionWhoseCountedResultExpiresWithinSevenDays() {
        TestSuite two = suite("two").test("cpu", "scalability").test("memory", "scalability").build();
        Standard flat = standard("flat").suites("two").freshness(days(7), days(30), Standard.Decay.NONE).build();

        ScoreReport report = request(CHECKOUT, flat).suites(two).results(
                result("cpu").suite("two").ago(days(24)),      // expires in 6 days: flagged, adds nothing
                result("memory").suite("two").ago(days(22))    // expires in 8 days: not an action
        ).score();

        assertThat(report.nextActions()).containsExactly(new NextAction("two", "cpu", "", 0.0, true,
                NOW.minus(days(24)).plus(days(30))));
    }

    @Test
    void shouldKeepBaseValueWithoutDecayAndExpireAfterExpiresAfter() {
        TestSuite one = suite("one").test("host", "redundancy").build();
        Standard noDecay = standard("flat").suites("one").values(100, 50, 0, 0, 20)
                .freshness(days(7), days(30), Standard.Decay.NONE).build();

        ScoreReport atExpiry = request(CHECKOUT, noDecay).suites(one)
                .results(result("host").suite("one").ago(days(30))).score();
        ScoreReport justAfter = request(CHECKOUT, noDecay).suites(one)
                .results(result("host").suite("one").ago(days(30).plusSeconds(1))).score();

        // a = expiresAfter is still fresh: base 100; one second later: expired 20
        assertThat(atExpiry.score()).isEqualByComparingTo("100.0");
        assertThat(atExpiry.instances().get(0).fresh()).isTrue();
        assertThat(justAfter.score()).isEqualByComparingTo("20.0");
        assertThat(justAfter.instances().get(0).fresh()).isFalse();
        assertThat(justAfter.coverage()).isZero();
    }

    @Test
    void shouldLeaveOutCategoryWithNoApplicableTestUnlessRequired() {
        TestSuite suite = suite("small").test("cpu", "scalability").dependencyTest("dependency-latency", "dependencies")
                .build();
        ServiceDefinition alone = service("checkout").build();
        ScoreRequest.class.getName();

        ScoreReport optional = request(alone, standard("s").suites("small").build()).suites(suite)
                .results(result("cpu").suite("small")).score();
        ScoreReport required = request(alone, standard("s").suites("small").requiredCategories("dependencies").build())
                .suites(suite).results(result("cpu").suite("small")).score();

        // optional: only scalability counts: 100
        assertThat(optional.score()).isEqualByComparingTo("100.0");
        assertThat(optional.categories()).extracting(CategoryScore::category).containsExactly("scalability");
        assertThat(optional.notApplicable()).containsExactly(
                new NotApplicable("small", "dependency-latency", "dependencies", "service has no dependency"),
                new NotApplicable("small", null, "dependencies", "category 'dependencies' has no applicable test"));
        // required: dependencies scores 0: (100 + 0) / 2 = 50
        assertThat(required.score()).isEqualByComparingTo("50.0");
        assertThat(category(required, "dependencies")).isEqualTo(
                new CategoryScore("dependencies", 1.0, 0.5, 0.0, 0.0, true));
        assertThat(required.coverage()).isEqualTo(0.5);
        assertThat(required.notApplicable()).extracting(NotApplicable::test).containsExactly("dependency-latency");
    }

    @Test
    void shouldSplitTestWeightAcrossTheInstancesItExpandsTo() {
        ServiceDefinition twoDependencies = service("checkout")
                .dependency("inventory", false).dependency("payments", true).build();
        TestSuite suite = suite("deps")
                .dependencyTest("dependency-latency", "dependencies")
                .dependencyTest("certificate-expiry", "dependencies", new Where(true, null))
                .build();

        ScoreReport report = request(twoDependencies, standard("s").suites("deps").build()).suites(suite).results(
                result("dependency-latency").suite("deps").target("inventory"),          // w 1/2, 100
                result("dependency-latency").suite("deps").target("payments").failed(), // w 1/2, 0
                result("certificate-expiry").suite("deps").target("payments")           // w 1,   100
        ).score();

        // (0.5 x 100 + 0.5 x 0 + 1 x 100) / 2 = 75 (not the plain mean of three instances, 66.7)
        assertThat(report.score()).isEqualByComparingTo("75.0");
        assertThat(report.instances()).extracting(InstanceScore::test, InstanceScore::target, InstanceScore::weight)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("certificate-expiry", "payments", 1.0),
                        org.assertj.core.groups.Tuple.tuple("dependency-latency", "inventory", 0.5),
                        org.assertj.core.groups.Tuple.tuple("dependency-latency", "payments", 0.5));
    }

    @Test
    void shouldRoundHalfUpInDecimalWhenTheSecondDecimalIsFive() {
        TestSuite two = suite("two").test("cpu", "scalability").test("memory", "scalability").build();

        // (100 + 44.5) / 2 = 72.25, exact in binary: half-up gives 72.3 (half-even would give 72.2)
        ScoreReport exact = request(CHECKOUT, standard("s").suites("two").values(100, 44.5, 0, 0, 0).build())
                .suites(two).results(result("cpu").suite("two"), result("memory").suite("two")
                        .status(ResultStatus.DEGRADED)).score();
        assertThat(exact.unroundedScore()).isEqualTo(72.25);
        assertThat(exact.score()).isEqualByComparingTo("72.3");
        assertThat(BigDecimal.valueOf(72.25).setScale(1, RoundingMode.HALF_EVEN)).isEqualByComparingTo("72.2");

        // (100 + 44.7) / 2 = 72.35, which binary holds as 72.34999999999999431...: rounding that exact
        // binary value would give 72.3; rounding its shortest decimal form gives the 72.4 a reader expects
        ScoreReport binary = request(CHECKOUT, standard("s").suites("two").values(100, 44.7, 0, 0, 0).build())
                .suites(two).results(result("cpu").suite("two"), result("memory").suite("two")
                        .status(ResultStatus.DEGRADED)).score();
        assertThat(new BigDecimal(binary.unroundedScore()).setScale(1, RoundingMode.HALF_UP))
                .isEqualByComparingTo("72.3");
        assertThat(binary.score()).isEqualByComparingTo("72.4");
    }

    @Test
    void shouldRefuseSuiteTheStandardNamesButTheRequestLacks() {
        Standard standard = standard("s").suites("recommended", "extra").build();

        assertThatThrownBy(() -> request(CHECKOUT, standard).score())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("suite 'extra' of standard 's'");
    }

    @Test
    void shouldListInstancesInCategoryTestTargetOrder() {
        ServiceDefinition full = service("checkout").instance("i2", "b").instance("i1", "a")
                .dependency("payments", true).dependency("inventory", false).build();

        ScoreReport report = request(full, standard("s").build()).results(result("cpu")).score();

        assertThat(report.instances()).extracting(i -> i.category() + "/" + i.test() + "/" + i.target())
                .containsExactly(
                        "dependencies/certificate-expiry/payments",
                        "dependencies/dependency-failure/inventory",
                        "dependencies/dependency-failure/payments",
                        "dependencies/dependency-latency/inventory",
                        "dependencies/dependency-latency/payments",
                        "redundancy/host/",
                        "redundancy/zone/a",
                        "redundancy/zone/b",
                        "scalability/cpu/",
                        "scalability/memory/");
        assertThat(report.at()).isEqualTo(NOW);
        assertThat(report.environment()).isEqualTo("production");
        assertThat(hours(1)).isNotNull();
    }

    static InstanceScore instance(ScoreReport report, String test, String target) {
        return report.instances().stream().filter(i -> i.test().equals(test) && i.target().equals(target))
                .findFirst().orElseThrow(() -> new AssertionError("no instance " + test + "/" + target));
    }

    static CategoryScore category(ScoreReport report, String category) {
        List<CategoryScore> categories = report.categories();
        return categories.stream().filter(c -> c.category().equals(category)).findFirst()
                .orElseThrow(() -> new AssertionError("no category " + category));
    }
}
