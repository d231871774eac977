package io.steadfast.scoring.verdict;

import io.steadfast.scoring.Verdict;
import java.util.List;

/** A verdict and the sentences that explain it. */
public record VerdictDecision(Verdict verdict, List<String> reasons) {

    public VerdictDecision {
        reasons = List.copyOf(reasons);
    }
}
