package io.steadfast.store;

import java.util.List;

/**
 * What {@link Store#storeResults} did with a batch.
 *
 * @param stored     results newly stored
 * @param duplicates results already stored with identical content (no-ops, not errors)
 * @param conflicts  results whose id was already stored with different content; not stored
 */
public record IngestOutcome(int stored, int duplicates, List<Conflict> conflicts) {

    public IngestOutcome {
        conflicts = List.copyOf(conflicts);
    }

    /** A result that was not stored because its id is already taken by a different result. */
    public record Conflict(String resultId, String reason) {
    }
}
