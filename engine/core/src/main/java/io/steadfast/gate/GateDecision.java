package io.steadfast.gate;

import io.steadfast.model.Standard;
import io.steadfast.scoring.Verdict;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The gate's answer to "may version V of service S ship to environment E at time T?", with every
 * reason spelled out and the content hashes of the standard and suites it used, so that it can be
 * reproduced.
 *
 * @param outcome     PASS lets the deploy go on, FAIL blocks it
 * @param failOn      the verdict from which the outcome fails ({@code FAIL} by default, or {@code WARN})
 * @param score       null under NO_DATA
 * @param suiteHashes suite id to SHA-256 of its resolved definition
 */
public record GateDecision(
        String service,
        String version,
        String environment,
        Instant at,
        Verdict verdict,
        Outcome outcome,
        Verdict failOn,
        BigDecimal score,
        Standard.Thresholds thresholds,
        List<String> reasons,
        String standard,
        String standardHash,
        Map<String, String> suiteHashes) {

    public GateDecision {
        reasons = List.copyOf(reasons);
        suiteHashes = Map.copyOf(suiteHashes);
    }

    public enum Outcome {
        PASS,
        FAIL
    }
}
