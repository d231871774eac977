package io.steadfast.scoring.verdict;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.Waiver;
import io.steadfast.scoring.Verdict;
import io.steadfast.scoring.aggregate.Aggregation;
import io.steadfast.scoring.evidence.SelectedEvidence;
import io.steadfast.scoring.expand.ExpectedInstance;
import io.steadfast.scoring.expand.Expansion;
import io.steadfast.scoring.value.InstanceValue;
import io.steadfast.scoring.value.Notation;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

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
        List<ExpectedInstance> instances = expansion.instances();
        for (int i = 0; i < instances.size(); i++) {
            ExpectedInstance instance = instances.get(i);
            if (!instance.mustPass()) {
                continue;
            }
            ResultEvent counted = evidence.evidence().get(i).counted();
            InstanceValue value = values.get(i);
            if (counted != null && counted.status() == ResultStatus.PASSED && value.fresh()) {
                continue;
            }
            StringBuilder what = new StringBuilder(112).append("must-pass test '").append(instance.test()).append('\'');
            if (!instance.target().isEmpty()) {
                what.append(" on '").append(instance.target()).append('\'');
            }
            Waiver waiver = waivers.find(instance.test(), instance.target());
            if (waiver != null) {
                notes.add(appendWaiver(what.append(" is waived until "), waiver));
                continue;
            }
            what.append(" has no fresh PASSED result (");
            if (counted == null) {
                what.append("not run");
            } else {
                Notation.appendAge(what.append("last: ").append(counted.status().name()).append(' '), value.age())
                        .append(" ago").append(value.fresh() ? "" : ", expired");
            }
            failures.add(what.append(')').toString());
        }
        for (String test : expansion.mustPassWithoutInstance()) {
            Waiver waiver = waivers.find(test, "");
            if (waiver != null) {
                notes.add(appendWaiver(new StringBuilder("must-pass test '").append(test)
                        .append("' has no applicable instance and is waived until "), waiver));
            } else {
                failures.add("must-pass test '" + test + "' has no applicable instance");
            }
        }
    }

    private static String appendWaiver(StringBuilder text, Waiver waiver) {
        text.append(waiver.expiresAt());
        if (waiver.id() != null) {
            text.append(" (waiver '").append(waiver.id()).append("')");
        }
        return text.toString();
    }

    private static boolean below(BigDecimal score, double threshold) {
        // a whole threshold (the usual case) compares equal as a long, without rendering the double
        BigDecimal bar = threshold == Math.rint(threshold) && Math.abs(threshold) < 1e15
                ? BigDecimal.valueOf((long) threshold) : BigDecimal.valueOf(threshold);
        return score.compareTo(bar) < 0;
    }
}
