package io.steadfast.gate;

import io.steadfast.model.Standard;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.scoring.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a score report into a gate decision (DESIGN §4.7, §7): PASS passes; WARN passes unless the
 * gate fails on WARN; FAIL fails; NO_DATA follows the matched standard's {@code onNoData}, or the
 * global one ({@code --on-no-data}, default {@code fail}) when no standard matched.
 *
 * <p>Pure and stateless; one instance may serve any number of threads.
 */
public final class GateEvaluator {

    /**
     * Refuses a gate question that {@code standard} cannot answer: under {@code evidence:
     * same-version}, a gate needs a version.
     *
     * @throws GateUsageException when the standard asks for same-version evidence and {@code version} is null or blank
     */
    public static void checkUsage(Standard standard, String version) {
        if (standard != null && standard.gate().evidence() == Standard.Evidence.SAME_VERSION
                && (version == null || version.isBlank())) {
            throw new GateUsageException("gate under standard '" + standard.id()
                    + "' needs a version (--version), because the standard requires same-version evidence,"
                    + " but was none");
        }
    }

    /** Decides with the default global {@code onNoData} ({@code FAIL}) for when no standard matched. */
    public GateDecision decide(ScoreReport report, Standard standardOrNull, Verdict failOn, String version,
                               String environment, String standardHash, Map<String, String> suiteHashes) {
        return decide(report, standardOrNull, failOn, version, environment, standardHash, suiteHashes,
                Standard.OnNoData.FAIL);
    }

    /**
     * @param standardOrNull      the standard the report was scored under, or null when none matched
     * @param failOn              {@code FAIL} (the default, also when null) or {@code WARN}
     * @param version             the version asked about; when null, the report's
     * @param suiteHashes         suite id to content hash; null for none
     * @param onNoDataNoStandard  what NO_DATA means when no standard matched ({@code --on-no-data})
     */
    public GateDecision decide(ScoreReport report, Standard standardOrNull, Verdict failOn, String version,
                               String environment, String standardHash, Map<String, String> suiteHashes,
                               Standard.OnNoData onNoDataNoStandard) {
        Verdict threshold = failOn == null ? Verdict.FAIL : failOn;
        if (threshold != Verdict.FAIL && threshold != Verdict.WARN) {
            throw new IllegalArgumentException("failOn must be FAIL or WARN, but was " + failOn);
        }
        List<String> reasons = new ArrayList<>(report.reasons());
        GateDecision.Outcome outcome;
        switch (report.verdict()) {
            case PASS:
                outcome = GateDecision.Outcome.PASS;
                reasons.add("outcome PASS: verdict PASS");
                break;
            case WARN:
                outcome = warn(threshold);
                reasons.add("outcome " + outcome + ": verdict WARN, and the gate fails on " + threshold);
                break;
            case FAIL:
                outcome = GateDecision.Outcome.FAIL;
                reasons.add("outcome FAIL: verdict FAIL");
                break;
            case NO_DATA:
                Standard.OnNoData onNoData = standardOrNull != null ? standardOrNull.gate().onNoData()
                        : onNoDataNoStandard == null ? Standard.OnNoData.FAIL : onNoDataNoStandard;
                outcome = onNoData == Standard.OnNoData.FAIL ? GateDecision.Outcome.FAIL
                        : onNoData == Standard.OnNoData.PASS ? GateDecision.Outcome.PASS
                        : warn(threshold);
                String rule = standardOrNull != null
                        ? "standard '" + standardOrNull.id() + "' says onNoData: " + lower(onNoData)
                        : "no standard matched, so --on-no-data " + lower(onNoData) + " applies";
                reasons.add("outcome " + outcome + ": no data, and " + rule
                        + (onNoData == Standard.OnNoData.WARN ? " (the gate fails on " + threshold + ")" : ""));
                break;
            default:
                throw new IllegalStateException("verdict " + report.verdict() + " is not handled");
        }
        return new GateDecision(report.service(), version != null ? version : report.version(), environment,
                report.at(), report.verdict(), outcome, threshold, report.score(),
                report.thresholds() != null ? report.thresholds()
                        : standardOrNull == null ? null : standardOrNull.thresholds(),
                reasons, report.standard(), standardHash, suiteHashes == null ? Map.of() : suiteHashes);
    }

    private static GateDecision.Outcome warn(Verdict failOn) {
        return failOn == Verdict.WARN ? GateDecision.Outcome.FAIL : GateDecision.Outcome.PASS;
    }

    private static String lower(Standard.OnNoData onNoData) {
        return onNoData.name().toLowerCase(java.util.Locale.ROOT);
    }
}
