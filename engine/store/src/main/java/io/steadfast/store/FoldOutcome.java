package io.steadfast.store;

import java.util.List;

/**
 * What {@link Store#foldPending} did.
 *
 * @param results  results folded into the latest counted results
 * @param setAside blocks it could not fold and set aside, each with its reason
 */
public record FoldOutcome(long results, List<SetAsideBlock> setAside) {

    public FoldOutcome {
        setAside = List.copyOf(setAside);
    }
}
