package io.steadfast.scoring.evidence;

import io.steadfast.model.Standard;
import io.steadfast.scoring.ScoreRequest;
import io.steadfast.scoring.expand.ExpectedInstance;
import io.steadfast.scoring.expand.Expansion;
import io.steadfast.spi.result.ResultEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Step 2 of the score (DESIGN §4.2): picks each expected instance's counted result. One pass over
 * the results groups the eligible ones by instance; each group is then searched once. Stateless and
 * thread-safe.
 */
public final class EvidenceSelector {

    private EvidenceSelector() {
    }

    public static SelectedEvidence select(Expansion expansion, ScoreRequest request) {
        List<ExpectedInstance> instances = expansion.instances();
        Map<String, Map<String, Map<String, Integer>>> index = index(instances);
        Standard.GatePolicy policy = request.standard().gate();
        List<String> sources = policy.sources();
        List<String> environments = policy.environments();
        Set<String> retracted = request.retractedResultIds();
        Instant now = request.now();

        @SuppressWarnings("unchecked")
        List<ResultEvent>[] groups = new List[instances.size()];
        ResultEvent newestCounted = null;
        for (ResultEvent result : request.results()) {
            if (result.finishedAt().isAfter(now)
                    || (!retracted.isEmpty() && retracted.contains(result.resultId()))
                    || !trusted(sources, result.source())
                    || !trusted(environments, result.environment())) {
                continue;
            }
            int slot = slotOf(index, result);
            if (slot < 0) {
                continue;
            }
            if (groups[slot] == null) {
                groups[slot] = new ArrayList<>();
            }
            groups[slot].add(result);
            if (result.status().counts() && isLater(result, newestCounted)) {
                newestCounted = result;
            }
        }

        boolean sameVersion = policy.evidence() == Standard.Evidence.SAME_VERSION;
        String version = request.version();
        String versionSource = null;
        if (version != null) {
            versionSource = SelectedEvidence.REQUESTED;
        } else if (sameVersion && newestCounted != null) {
            version = newestCounted.serviceVersion();
            versionSource = SelectedEvidence.NEWEST_COUNTED_RESULT;
        }

        List<Evidence> evidence = new ArrayList<>(instances.size());
        boolean anyCounted = false;
        boolean anyUncounted = false;
        for (List<ResultEvent> group : groups) {
            Evidence e = group == null ? Evidence.NONE : pick(group, sameVersion, version);
            anyCounted |= e.counted() != null;
            anyUncounted |= !e.uncounted().isEmpty();
            evidence.add(e);
        }
        return new SelectedEvidence(version, versionSource, evidence, !anyCounted && anyUncounted);
    }

    private static Evidence pick(List<ResultEvent> group, boolean sameVersion, String version) {
        ResultEvent counted = null;
        for (ResultEvent result : group) {
            if (result.status().counts() && (!sameVersion || Objects.equals(version, result.serviceVersion()))
                    && isLater(result, counted)) {
                counted = result;
            }
        }
        List<ResultEvent> uncounted = null;
        for (ResultEvent result : group) {
            if (!result.status().counts() && (!sameVersion || Objects.equals(version, result.serviceVersion()))
                    && isLater(result, counted)) {
                if (uncounted == null) {
                    uncounted = new ArrayList<>(2);
                }
                uncounted.add(result);
            }
        }
        if (uncounted == null) {
            return counted == null ? Evidence.NONE : new Evidence(counted, List.of());
        }
        uncounted.sort((a, b) -> isLater(a, b) ? -1 : isLater(b, a) ? 1 : 0);
        return new Evidence(counted, uncounted);
    }

    /** An empty list trusts everything, a listed one only what it lists (never an absent value). */
    private static boolean trusted(List<String> trustedValues, String value) {
        return trustedValues.isEmpty() || (value != null && trustedValues.contains(value));
    }

    /** Whether {@code a} comes after {@code b} by finishedAt, ties broken by the greater resultId. */
    static boolean isLater(ResultEvent a, ResultEvent b) {
        if (b == null) {
            return true;
        }
        int byTime = a.finishedAt().compareTo(b.finishedAt());
        return byTime != 0 ? byTime > 0 : a.resultId().compareTo(b.resultId()) > 0;
    }

    private static Map<String, Map<String, Map<String, Integer>>> index(List<ExpectedInstance> instances) {
        Map<String, Map<String, Map<String, Integer>>> bySuite = new HashMap<>();
        for (int i = 0; i < instances.size(); i++) {
            ExpectedInstance instance = instances.get(i);
            bySuite.computeIfAbsent(instance.suite(), s -> new HashMap<>())
                    .computeIfAbsent(instance.test(), t -> new HashMap<>())
                    .put(instance.target(), i);
        }
        return bySuite;
    }

    private static int slotOf(Map<String, Map<String, Map<String, Integer>>> index, ResultEvent result) {
        Map<String, Map<String, Integer>> tests = index.get(result.suite());
        if (tests == null) {
            return -1;
        }
        Map<String, Integer> targets = tests.get(result.test());
        if (targets == null) {
            return -1;
        }
        Integer slot = targets.get(result.target());
        return slot == null ? -1 : slot;
    }
}
