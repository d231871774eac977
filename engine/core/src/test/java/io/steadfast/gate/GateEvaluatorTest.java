package io.steadfast.gate;

import static io.steadfast.scoring.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.model.Standard;
import io.steadfast.scoring.Fixtures;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.scoring.Verdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GateEvaluatorTest {

    private final GateEvaluator gate = new GateEvaluator();

    private static ScoreReport report(Verdict verdict) {
        if (verdict == Verdict.NO_DATA) {
            return ScoreReport.noData("checkout", "s", NOW, "no test instance of service 'checkout' has a counted result");
        }
        return new ScoreReport(ScoreReport.SCHEMA_VERSION, "checkout", "s", "1.4.2", "requested", "production", NOW,
                new BigDecimal("70.0"), 70.0, verdict, List.of("score 70.0 is below the pass threshold 80"), 1.0,
                new Standard.Thresholds(80, 60), List.of(), List.of(), List.of(), List.of());
    }

    @ParameterizedTest(name = "{0}, fail on {1}, standard onNoData {2}, global {3} -> {4}")
    @CsvSource({
            // verdict, failOn, standard's onNoData (- = no standard matched), global onNoData, outcome
            "PASS,    FAIL, FAIL, FAIL, PASS",
            "PASS,    WARN, FAIL, FAIL, PASS",
            "WARN,    FAIL, FAIL, FAIL, PASS",
            "WARN,    WARN, FAIL, FAIL, FAIL",
            "FAIL,    FAIL, PASS, PASS, FAIL",
            "FAIL,    WARN, PASS, PASS, FAIL",
            "NO_DATA, FAIL, FAIL, PASS, FAIL",
            "NO_DATA, FAIL, PASS, FAIL, PASS",
            "NO_DATA, FAIL, WARN, FAIL, PASS",
            "NO_DATA, WARN, WARN, PASS, FAIL",
            "NO_DATA, FAIL, -,    FAIL, FAIL",
            "NO_DATA, FAIL, -,    PASS, PASS",
            "NO_DATA, FAIL, -,    WARN, PASS",
            "NO_DATA, WARN, -,    WARN, FAIL",
    })
    void shouldDecideOutcomeFromVerdictFailOnAndOnNoData(Verdict verdict, Verdict failOn, String standardOnNoData,
                                                         Standard.OnNoData global, GateDecision.Outcome expected) {
        Standard standard = "-".equals(standardOnNoData) ? null
                : Fixtures.standard("s").onNoData(Standard.OnNoData.valueOf(standardOnNoData)).build();

        GateDecision decision = gate.decide(report(verdict), standard, failOn, "1.4.2", "production", "sha-s",
                Map.of("recommended", "sha-r"), global);

        assertThat(decision.outcome()).isEqualTo(expected);
        assertThat(decision.verdict()).isEqualTo(verdict);
        assertThat(decision.failOn()).isEqualTo(failOn);
    }

    @Test
    void shouldFailNoDataByDefaultWhenNoStandardMatched() {
        GateDecision decision = gate.decide(report(Verdict.NO_DATA), null, null, "1.4.2", "production", null, null);

        assertThat(decision.outcome()).isEqualTo(GateDecision.Outcome.FAIL);
        assertThat(decision.failOn()).isEqualTo(Verdict.FAIL);
        assertThat(decision.reasons()).containsExactly(
                "no test instance of service 'checkout' has a counted result",
                "outcome FAIL: no data, and no standard matched, so --on-no-data fail applies");
        assertThat(decision.suiteHashes()).isEmpty();
        assertThat(decision.score()).isNull();
    }

    @Test
    void shouldCopyReportIntoDecisionWithOutcomeReason() {
        GateDecision decision = gate.decide(report(Verdict.WARN), Fixtures.standard("s").build(), Verdict.WARN,
                "1.4.2", "production", "sha-s", Map.of("recommended", "sha-r"));

        assertThat(decision).isEqualTo(new GateDecision("checkout", "1.4.2", "production", NOW, Verdict.WARN,
                GateDecision.Outcome.FAIL, Verdict.WARN, new BigDecimal("70.0"), new Standard.Thresholds(80, 60),
                List.of("score 70.0 is below the pass threshold 80",
                        "outcome FAIL: verdict WARN, and the gate fails on WARN"),
                "s", "sha-s", Map.of("recommended", "sha-r")));
    }

    @Test
    void shouldRefuseFailOnPass() {
        assertThatThrownBy(() -> gate.decide(report(Verdict.PASS), null, Verdict.PASS, null, null, null, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("failOn must be FAIL or WARN, but was PASS");
    }

    @Test
    void shouldRefuseGateWithoutVersionUnderSameVersionEvidence() {
        Standard sameVersion = Fixtures.standard("tier-1").sameVersion().build();

        assertThatThrownBy(() -> GateEvaluator.checkUsage(sameVersion, null))
                .isInstanceOf(GateUsageException.class)
                .hasMessageContaining("standard 'tier-1'").hasMessageContaining("--version");
        assertThatCode(() -> GateEvaluator.checkUsage(sameVersion, "1.4.2")).doesNotThrowAnyException();
        assertThatCode(() -> GateEvaluator.checkUsage(Fixtures.standard("any").build(), null))
                .doesNotThrowAnyException();
    }
}
