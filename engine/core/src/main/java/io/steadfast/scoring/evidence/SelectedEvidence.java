package io.steadfast.scoring.evidence;

import java.util.List;

/**
 * The evidence of every expected instance.
 *
 * @param version       the version results were restricted to (or asked about), or null
 * @param versionSource {@code requested}, {@code newest-counted-result}, or null
 * @param evidence      one per expected instance, in the expansion's order
 * @param sawUncountedOnly whether no instance has a counted result but some has an ERROR or SKIPPED one
 */
public record SelectedEvidence(String version, String versionSource, List<Evidence> evidence,
                               boolean sawUncountedOnly) {

    public static final String REQUESTED = "requested";
    public static final String NEWEST_COUNTED_RESULT = "newest-counted-result";

    public SelectedEvidence {
        evidence = List.copyOf(evidence);
    }

    public boolean anyCounted() {
        for (Evidence e : evidence) {
            if (e.counted() != null) {
                return true;
            }
        }
        return false;
    }
}
