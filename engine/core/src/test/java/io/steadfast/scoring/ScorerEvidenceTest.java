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

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import io.steadfast.scoring.ScoreReport.InstanceScore;
import io.steadfast.scoring.ScoreReport.UncountedResult;
import io.steadfast.spi.result.ResultStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which result counts for an instance (DESIGN §4.2), on a suite of two service-scope tests. */
class ScorerEvidenceTest {

    private static final ServiceDefinition CHECKOUT = service("checkout").build();
    private static final TestSuite BASIC = suite("basic").test("cpu", "scalability").test("host", "redundancy").build();
    private static final Standard ANY_VERSION = standard("s").suites("basic").build();
    private static final Standard SAME_VERSION = standard("s").suites("basic").sameVersion().build();

    private static Fixtures.ResultBuilder cpu() {
        return result("cpu").suite("basic");
    }

    private static Fixtures.ResultBuilder host() {
        return result("host").suite("basic");
    }

    private static InstanceScore instance(ScoreReport report, String test) {
        return ScorerWorkedExamplesTest.instance(report, test, "");
    }

    @Test
    void shouldUseVersionOfNewestCountedResultUnderSameVersionWhenNoneIsRequested() {
        ScoreReport report = request(CHECKOUT, SAME_VERSION).suites(BASIC).results(
                cpu().id("cpu-1.0").version("1.0").ago(days(5)),
                cpu().id("cpu-1.1").failed().version("1.1").ago(days(1)),    // newest counted: version 1.1
                host().id("host-1.1").version("1.1").ago(days(2)),
                host().id("host-1.0").failed().version("1.0").ago(hours(36)),
                host().id("host-1.2-error").status(ResultStatus.ERROR).version("1.2").ago(hours(1))
        ).score();

        assertThat(report.version()).isEqualTo("1.1");
        assertThat(report.versionSource()).isEqualTo("newest-counted-result");
        assertThat(instance(report, "cpu").resultId()).isEqualTo("cpu-1.1");
        assertThat(instance(report, "host").resultId()).isEqualTo("host-1.1");
        // cpu FAILED 0, host PASSED 100: (0 + 100) / 2
        assertThat(report.score()).isEqualByComparingTo("50.0");
    }

    @Test
    void shouldOnlyCountResultsOfRequestedVersionUnderSameVersion() {
        ScoreRequest.class.getName();
        Fixtures.RequestBuilder request = request(CHECKOUT, SAME_VERSION).suites(BASIC).results(
                cpu().id("cpu-1.0").version("1.0").ago(days(5)),
                cpu().id("cpu-1.1").failed().version("1.1").ago(days(1)),
                host().id("host-1.1").version("1.1").ago(days(2)),
                host().id("host-1.0").version("1.0").ago(hours(36)));

        ScoreReport v10 = request.version("1.0").score();
        ScoreReport v20 = request.version("2.0").score();

        assertThat(v10.version()).isEqualTo("1.0");
        assertThat(v10.versionSource()).isEqualTo("requested");
        assertThat(instance(v10, "cpu").resultId()).isEqualTo("cpu-1.0");
        assertThat(instance(v10, "host").resultId()).isEqualTo("host-1.0");
        assertThat(v10.score()).isEqualByComparingTo("100.0");
        assertThat(v20.verdict()).isEqualTo(Verdict.NO_DATA);
        assertThat(v20.reasons()).containsExactly(
                "no test instance of service 'checkout' has a counted result for version '2.0'");
    }

    @Test
    void shouldCountNewestResultOfAnyVersionUnderAnyVersion() {
        ScoreReport report = request(CHECKOUT, ANY_VERSION).suites(BASIC).version("1.0").results(
                cpu().id("cpu-1.0").version("1.0").ago(days(5)),
                cpu().id("cpu-1.1").failed().version("1.1").ago(days(1))).score();

        assertThat(instance(report, "cpu").resultId()).isEqualTo("cpu-1.1");
        assertThat(report.version()).isEqualTo("1.0");
        assertThat(report.versionSource()).isEqualTo("requested");
    }

    @Test
    void shouldIgnoreRetractedResult() {
        ScoreReport report = request(CHECKOUT, ANY_VERSION).suites(BASIC).results(
                host().id("old").failed().ago(days(3)),
                host().id("wrong").ago(days(1))
        ).retracted("wrong").score();

        assertThat(instance(report, "host").resultId()).isEqualTo("old");
        assertThat(instance(report, "host").status()).isEqualTo(ResultStatus.FAILED);
    }

    @Test
    void shouldIgnoreResultFromUntrustedSourceOrEnvironment() {
        Standard strict = standard("s").suites("basic").sources("steadfast-runner").environments("staging").build();

        ScoreReport report = request(CHECKOUT, strict).suites(BASIC).results(
                host().id("counted").failed().source("steadfast-runner").environment("staging").ago(days(2)),
                host().id("other-tool").source("homegrown").environment("staging").ago(days(1)),
                host().id("other-env").source("steadfast-runner").environment("production").ago(days(1)),
                host().id("no-source").source(null).environment("staging").ago(days(1))
        ).score();

        assertThat(instance(report, "host").resultId()).isEqualTo("counted");
    }

    @Test
    void shouldIgnoreResultOfAnotherSuiteWithTheSameTestId() {
        ScoreReport report = request(CHECKOUT, ANY_VERSION).suites(BASIC).results(
                host().id("basic").failed().ago(days(2)),
                result("host").suite("recommended").id("recommended").ago(days(1))).score();

        assertThat(instance(report, "host").resultId()).isEqualTo("basic");
    }

    @Test
    void shouldNeverLetErrorOrSkippedReplaceCountedResultButShowNewerOnes() {
        ScoreReport report = request(CHECKOUT, ANY_VERSION).suites(BASIC).results(
                host().id("skipped-before").status(ResultStatus.SKIPPED).ago(days(3)),
                host().id("passed").ago(days(2)),
                host().id("error-after").status(ResultStatus.ERROR).message("proxy unreachable").ago(days(1)),
                host().id("skipped-after").status(ResultStatus.SKIPPED).ago(hours(2))
        ).score();

        InstanceScore host = instance(report, "host");
        assertThat(host.resultId()).isEqualTo("passed");
        assertThat(host.value()).isEqualTo(100.0);
        assertThat(host.uncounted()).containsExactly(
                new UncountedResult("skipped-after", ResultStatus.SKIPPED, NOW.minus(hours(2)), null),
                new UncountedResult("error-after", ResultStatus.ERROR, NOW.minus(days(1)), "proxy unreachable"));
    }

    @Test
    void shouldIgnoreResultsFinishedAfterNow() {
        ScoreReport report = request(CHECKOUT, ANY_VERSION).suites(BASIC).results(
                host().id("before").failed().ago(days(1)),
                host().id("exactly-now").failed().finishedAt(NOW.minus(days(2))),
                host().id("future").finishedAt(NOW.plusSeconds(1))
        ).score();
        ScoreReport earlier = request(CHECKOUT, ANY_VERSION).suites(BASIC).at(NOW.minus(days(2))).results(
                host().id("before").failed().ago(days(1)),
                host().id("at-now").finishedAt(NOW.minus(days(2)))
        ).score();

        assertThat(instance(report, "host").resultId()).isEqualTo("before");
        assertThat(instance(earlier, "host").resultId()).isEqualTo("at-now");
        assertThat(instance(earlier, "host").age()).isEqualTo(Duration.ZERO);
    }

    @Test
    void shouldBreakTiesOnFinishedAtByGreaterResultId() {
        var a = host().id("result-a").failed().ago(days(1)).build();
        var b = host().id("result-b").ago(days(1)).build();

        ScoreReport ab = request(CHECKOUT, ANY_VERSION).suites(BASIC).results(a, b).score();
        ScoreReport ba = request(CHECKOUT, ANY_VERSION).suites(BASIC).results(b, a).score();

        assertThat(instance(ab, "host").resultId()).isEqualTo("result-b");
        assertThat(ba).isEqualTo(ab);
    }
}
