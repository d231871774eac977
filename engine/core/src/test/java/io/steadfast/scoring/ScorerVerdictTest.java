package io.steadfast.scoring;

import static io.steadfast.scoring.Fixtures.NOW;
import static io.steadfast.scoring.Fixtures.days;
import static io.steadfast.scoring.Fixtures.request;
import static io.steadfast.scoring.Fixtures.result;
import static io.steadfast.scoring.Fixtures.service;
import static io.steadfast.scoring.Fixtures.standard;
import static io.steadfast.scoring.Fixtures.suite;
import static io.steadfast.scoring.Fixtures.waiver;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Waiver;
import io.steadfast.spi.result.ResultStatus;
import org.junit.jupiter.api.Test;

/** The verdict's order and reasons (DESIGN §4.7). */
class ScorerVerdictTest {

    private static final ServiceDefinition CHECKOUT = service("checkout").build();
    private static final TestSuite BASIC = suite("basic")
            .test("cpu", "scalability").test("host", "redundancy")
            .dependencyTest("certificate-expiry", "dependencies")
            .build();

    /** Low thresholds, so that the score alone passes and only the veto can fail. */
    private static Fixtures.StandardBuilder lenient() {
        return standard("s").suites("basic").thresholds(40, 30);
    }

    private static Fixtures.RequestBuilder hostFailedThreeDaysAgo(Standard standard) {
        // cpu 100, host 0: (100 + 0) / 2 = 50, a PASS against 40/30 but for the veto
        return request(CHECKOUT, standard).suites(BASIC).results(
                result("cpu").suite("basic").ago(days(1)),
                result("host").suite("basic").failed().ago(days(3)));
    }

    @Test
    void shouldFailWhenMustPassInstanceHasNoFreshPassedResult() {
        ScoreReport report = hostFailedThreeDaysAgo(lenient().mustPass("host").build()).score();

        assertThat(report.score()).isEqualByComparingTo("50.0");
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.reasons()).containsExactly(
                "must-pass test 'host' has no fresh PASSED result (last: FAILED 3d ago)");
        assertThat(ScorerWorkedExamplesTest.instance(report, "host", "").mustPass()).isTrue();
    }

    @Test
    void shouldFailWhenMustPassInstanceOnlyHasAnExpiredPass() {
        Standard standard = lenient().mustPass("host").build();

        ScoreReport report = request(CHECKOUT, standard).suites(BASIC).results(
                result("cpu").suite("basic"), result("host").suite("basic").ago(days(31))).score();

        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.reasons()).containsExactly(
                "must-pass test 'host' has no fresh PASSED result (last: PASSED 31d ago, expired)");
    }

    @Test
    void shouldLiftMustPassVetoWithActiveWaiverOnly() {
        Standard standard = lenient().mustPass("host").build();
        Waiver active = waiver("w-active", "host", "", NOW.plus(days(10)));
        Waiver expired = waiver("w-expired", "host", "", NOW);
        Waiver otherService = new Waiver("w-other", "billing", "host", "", "r", "p", NOW.plus(days(10)));

        ScoreReport waived = hostFailedThreeDaysAgo(standard).waivers(active).score();
        ScoreReport notWaived = hostFailedThreeDaysAgo(standard).waivers(expired, otherService).score();

        assertThat(waived.verdict()).isEqualTo(Verdict.PASS);
        assertThat(waived.reasons()).containsExactly("score 50.0 meets the pass threshold 40",
                "must-pass test 'host' is waived until 2026-12-10T12:00:00Z (waiver 'w-active')");
        assertThat(ScorerWorkedExamplesTest.instance(waived, "host", "").waiverId()).isEqualTo("w-active");
        // a waiver lifts the veto and nothing else: the score is the same
        assertThat(waived.score()).isEqualByComparingTo(notWaived.score());
        assertThat(notWaived.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(ScorerWorkedExamplesTest.instance(notWaived, "host", "").waiverId()).isNull();
    }

    @Test
    void shouldFailMustPassTestWithNoInstanceUnlessWaivedForEmptyTarget() {
        Standard standard = lenient().mustPass("certificate-expiry").build();
        Fixtures.RequestBuilder request = request(CHECKOUT, standard).suites(BASIC)
                .results(result("cpu").suite("basic"), result("host").suite("basic"));

        ScoreReport vetoed = request.score();
        ScoreReport waived = request.waivers(waiver("w1", "certificate-expiry", "", NOW.plus(days(1)))).score();

        assertThat(vetoed.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(vetoed.reasons()).containsExactly("must-pass test 'certificate-expiry' has no applicable instance");
        assertThat(waived.verdict()).isEqualTo(Verdict.PASS);
    }

    @Test
    void shouldFailBelowMinimumCoverage() {
        ScoreReport report = request(CHECKOUT, lenient().minCoverage(0.75).build()).suites(BASIC)
                .results(result("cpu").suite("basic")).score();

        // cpu 100, host not run: score 50, coverage 1/2
        assertThat(report.coverage()).isEqualTo(0.5);
        assertThat(report.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(report.reasons()).containsExactly("coverage 0.5 is below the minimum 0.75 of standard 's'");
    }

    @Test
    void shouldFailBelowWarnAndWarnBelowPassOnTheRoundedScore() {
        Fixtures.RequestBuilder fifty = request(CHECKOUT, standard("s").suites("basic").thresholds(80, 50.1).build())
                .suites(BASIC).results(result("cpu").suite("basic"));
        Fixtures.RequestBuilder justWarn = request(CHECKOUT, standard("s").suites("basic").thresholds(80, 50).build())
                .suites(BASIC).results(result("cpu").suite("basic"));

        assertThat(fifty.score().verdict()).isEqualTo(Verdict.FAIL);
        assertThat(fifty.score().reasons()).containsExactly("score 50.0 is below the warn threshold 50.1");
        assertThat(justWarn.score().verdict()).isEqualTo(Verdict.WARN);
        assertThat(justWarn.score().reasons()).containsExactly("score 50.0 is below the pass threshold 80");
    }

    @Test
    void shouldGiveNoDataWhenServiceHasNoExpectedInstance() {
        TestSuite onlyDependencies = suite("deps").dependencyTest("dependency-latency", "dependencies").build();

        ScoreReport report = request(CHECKOUT, standard("s").suites("deps").build()).suites(onlyDependencies)
                .score();

        assertThat(report.verdict()).isEqualTo(Verdict.NO_DATA);
        assertThat(report.score()).isNull();
        assertThat(report.unroundedScore()).isNull();
        assertThat(report.reasons()).containsExactly(
                "service 'checkout' has no expected test instance under standard 's'");
    }

    @Test
    void shouldGiveNoDataWhenNoInstanceHasAnyResult() {
        ScoreReport report = request(CHECKOUT, lenient().build()).suites(BASIC).score();

        assertThat(report.verdict()).isEqualTo(Verdict.NO_DATA);
        assertThat(report.score()).isNull();
        assertThat(report.reasons()).containsExactly("no test instance of service 'checkout' has a counted result");
        assertThat(report.nextActions()).hasSize(2);
    }

    @Test
    void shouldGiveNoDataWhenOnlyErrorAndSkippedResultsExist() {
        ScoreReport report = request(CHECKOUT, lenient().build()).suites(BASIC).results(
                result("cpu").suite("basic").status(ResultStatus.ERROR),
                result("host").suite("basic").status(ResultStatus.SKIPPED)).score();

        assertThat(report.verdict()).isEqualTo(Verdict.NO_DATA);
        assertThat(report.score()).isNull();
        assertThat(report.reasons()).containsExactly(
                "no test instance of service 'checkout' has a counted result (only ERROR or SKIPPED results)");
        assertThat(ScorerWorkedExamplesTest.instance(report, "cpu", "").uncounted()).hasSize(1);
    }
}
