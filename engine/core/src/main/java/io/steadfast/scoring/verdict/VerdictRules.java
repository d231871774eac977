package io.steadfast.scoring.verdict;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.Waiver;
import io.steadfast.scoring.Verdict;
import io.steadfast.scoring.aggregate.Aggregation;
import io.steadfast.scoring.evidence.Evidence;
import io.steadfast.scoring.evidence.SelectedEvidence;
import io.steadfast.scoring.expand.ExpectedInstance;
import io.steadfast.scoring.expand.Expansion;
import io.steadfast.scoring.value.InstanceValue;
import io.steadfast.scoring.value.Notation;
import io.steadfast.spi.result.ResultStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Step 7 of the score (DESIGN §4.7): NO_DATA, FAIL, WARN, PASS, in that order, each with its
 * reasons in words. Stateless and thread-safe.
 */
public final class VerdictRules {

    private VerdictRules() {
    }

    /**
     * @param values one per expected instance, in the expansion's order
     */
    public static VerdictDecision decide(ServiceDefinition service, Standard standard, Expansion expansion,
                                         SelectedEvidence evidence, List<InstanceValue> values,
                                         Aggregation aggregation, ActiveWaivers waivers) {
        if (expansion.instances().isEmpty()) {
            return new VerdictDecision(Verdict.NO_DATA, List.of("service '" + service.id()
                    + "' has no expected test instance under standard '" + standard.id() + "'"));
        }
        if (!evidence.anyCounted()) {
            String why = "no test instance of service '" + service.id() + "' has a counted result";
            if (evidence.sawUncountedOnly()) {
                why += " (only ERROR or SKIPPED results)";
            } else if (evidence.version() != null && standard.gate().evidence() == Standard.Evidence.SAME_VERSION) {
                why += " for version '" + evidence.version() + "'";
            }
            return new VerdictDecision(Verdict.NO_DATA, List.of(why));
        }

        List<String> failures = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        mustPass(standard, expansion, evidence, values, waivers, failures, notes);
        if (aggregation.coverage() < standard.minCoverage()) {
            failures.add("coverage " + Notation.number(aggregation.coverage()) + " is below the minimum "
                    + Notation.number(standard.minCoverage()) + " of standard '" + standard.id() + "'");
        }
        BigDecimal score = aggregation.rounded();
        Standard.Thresholds thresholds = standard.thresholds();
        if (below(score, thresholds.warn())) {
            failures.add("score " + score.toPlainString() + " is below the warn threshold "
                    + Notation.number(thresholds.warn()));
        }
        List<String> reasons = new ArrayList<>();
        Verdict verdict;
        if (!failures.isEmpty()) {
            verdict = Verdict.FAIL;
            reasons.addAll(failures);
        } else if (below(score, thresholds.pass())) {
            verdict = Verdict.WARN;
            reasons.add("score " + score.toPlainString() + " is below the pass threshold "
                    + Notation.number(thresholds.pass()));
        } else {
            verdict = Verdict.PASS;
            reasons.add("score " + score.toPlainString() + " meets the pass threshold "
                    + Notation.number(thresholds.pass()));
        }
        reasons.addAll(notes);
        return new VerdictDecision(verdict, reasons);
    }

    private static void mustPass(Standard standard, Expansion expansion, SelectedEvidence evidence,
                                 List<InstanceValue> values, ActiveWaivers waivers, List<String> failures,
                                 List<String> notes) {
        if (standard.mustPass().isEmpty()) {
            return;
        }
        Set<String> mustPass = new HashSet<>(standard.mustPass());
        Set<String> expanded = new HashSet<>();
        List<ExpectedInstance> instances = expansion.instances();
        for (int i = 0; i < instances.size(); i++) {
            ExpectedInstance instance = instances.get(i);
            if (!mustPass.contains(instance.test())) {
                continue;
            }
            expanded.add(instance.test());
            Evidence e = evidence.evidence().get(i);
            InstanceValue value = values.get(i);
            if (e.counted() != null && e.counted().status() == ResultStatus.PASSED && value.fresh()) {
                continue;
            }
            String what = "must-pass test '" + instance.test() + "'"
                    + (instance.target().isEmpty() ? "" : " on '" + instance.target() + "'");
            Waiver waiver = waivers.find(instance.test(), instance.target());
            if (waiver != null) {
                notes.add(what + " is waived until " + waiver.expiresAt() + waiverName(waiver));
                continue;
            }
            String last = e.counted() == null ? "not run"
                    : "last: " + e.counted().status() + " " + Notation.age(value.age()) + " ago"
                            + (value.fresh() ? "" : ", expired");
            failures.add(what + " has no fresh PASSED result (" + last + ")");
        }
        for (String test : standard.mustPass()) {
            if (expanded.contains(test)) {
                continue;
            }
            Waiver waiver = waivers.find(test, "");
            if (waiver != null) {
                notes.add("must-pass test '" + test + "' has no applicable instance and is waived until "
                        + waiver.expiresAt() + waiverName(waiver));
            } else {
                failures.add("must-pass test '" + test + "' has no applicable instance");
            }
        }
    }

    private static String waiverName(Waiver waiver) {
        return waiver.id() == null ? "" : " (waiver '" + waiver.id() + "')";
    }

    private static boolean below(BigDecimal score, double threshold) {
        return score.compareTo(BigDecimal.valueOf(threshold)) < 0;
    }
}
