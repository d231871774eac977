package io.steadfast.scoring.evidence;

import io.steadfast.spi.result.ResultEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A service's results grouped by the instance they tested (suite, test, target), each group newest
 * first: the shape evidence selection reads, so that a score looks at each expected instance's newest
 * results rather than at every result. Built once per load of a service's results and cached with
 * them (DESIGN §4: cache the inputs, never a score); its cost is one pass and a sort of each group.
 * Immutable and thread-safe.
 */
public final class ResultHistory {

    /** The later finishedAt first, ties broken by the greater resultId (as {@link EvidenceSelector#isLater}). */
    private static final Comparator<ResultEvent> NEWEST_FIRST = (a, b) -> {
        int byTime = b.finishedAt().compareTo(a.finishedAt());
        return byTime != 0 ? byTime : b.resultId().compareTo(a.resultId());
    };
    private static final ResultEvent[] NONE = new ResultEvent[0];

    private final List<ResultEvent> all;
    private final Map<InstanceKey, ResultEvent[]> byInstance;

    private record InstanceKey(String suite, String test, String target) {
    }

    private ResultHistory(List<ResultEvent> all, Map<InstanceKey, ResultEvent[]> byInstance) {
        this.all = all;
        this.byInstance = byInstance;
    }

    /** Indexes {@code results}, in any order. */
    public static ResultHistory of(Collection<ResultEvent> results) {
        List<ResultEvent> all = List.copyOf(results);
        Map<InstanceKey, List<ResultEvent>> groups = new HashMap<>();
        for (ResultEvent result : all) {
            groups.computeIfAbsent(new InstanceKey(result.suite(), result.test(), result.target()),
                    key -> new ArrayList<>()).add(result);
        }
        Map<InstanceKey, ResultEvent[]> byInstance = new HashMap<>(groups.size() * 2);
        groups.forEach((key, group) -> {
            ResultEvent[] sorted = group.toArray(NONE);
            Arrays.sort(sorted, NEWEST_FIRST);
            byInstance.put(key, sorted);
        });
        return new ResultHistory(all, byInstance);
    }

    /** Every result, in the order given. */
    public List<ResultEvent> all() {
        return all;
    }

    /** The results of one instance, newest first; empty when it has none. Not to be modified. */
    ResultEvent[] newestFirst(String suite, String test, String target) {
        return byInstance.getOrDefault(new InstanceKey(suite, test, target), NONE);
    }
}
