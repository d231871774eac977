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
 * Step 2 of the score (DESIGN §4.2): picks each expected instance's counted result.
 *
 * <p>One pass over the results finds each result's instance with a hash lookup and keeps the latest
 * counted one per instance. Only when the version is not known before the pass (same-version
 * evidence, no version asked) are counted results kept per instance, to be searched once the
 * newest counted result has named the version. Stateless and thread-safe.
 */
public final class EvidenceSelector {

    private EvidenceSelector() {
    }

    public static SelectedEvidence select(Expansion expansion, ScoreRequest request) {
        List<ExpectedInstance> instances = expansion.instances();
        int size = instances.size();
        Map<String, TestSlots> index = index(instances);
        Standard.GatePolicy policy = request.standard().gate();
        List<String> sources = policy.sources();
        List<String> environments = policy.environments();
        Set<String> retracted = request.retractedResultIds();
        boolean anyRetracted = !retracted.isEmpty();
        Instant now = request.now();
        boolean sameVersion = policy.evidence() == Standard.Evidence.SAME_VERSION;
        String version = request.version();
        boolean versionPending = sameVersion && version == null;

        ResultEvent[] counted = new ResultEvent[size];
        @SuppressWarnings("unchecked")
        List<ResultEvent>[] pending = versionPending ? new List[size] : null;
        @SuppressWarnings("unchecked")
        List<ResultEvent>[] uncounted = new List[size];
        ResultEvent newestCounted = null;
        for (ResultEvent result : request.results()) {
            if (result.finishedAt().isAfter(now)
                    || (anyRetracted && retracted.contains(result.resultId()))
                    || !trusted(sources, result.source())
                    || !trusted(environments, result.environment())) {
                continue;
            }
            int slot = slotOf(index, result);
            if (slot < 0) {
                continue;
            }
            if (!result.status().counts()) {
                if (uncounted[slot] == null) {
                    uncounted[slot] = new ArrayList<>(2);
                }
                uncounted[slot].add(result);
            } else if (versionPending) {
                if (pending[slot] == null) {
                    pending[slot] = new ArrayList<>();
                }
                pending[slot].add(result);
                if (isLater(result, newestCounted)) {
                    newestCounted = result;
                }
            } else if ((!sameVersion || Objects.equals(version, result.serviceVersion()))
                    && isLater(result, counted[slot])) {
                counted[slot] = result;
            }
        }

        String versionSource = null;
        if (version != null) {
            versionSource = SelectedEvidence.REQUESTED;
        } else if (versionPending && newestCounted != null) {
            version = newestCounted.serviceVersion();
            versionSource = SelectedEvidence.NEWEST_COUNTED_RESULT;
        }
        if (versionPending) {
            for (int slot = 0; slot < size; slot++) {
                counted[slot] = latestOfVersion(pending[slot], version);
            }
        }

        List<Evidence> evidence = new ArrayList<>(size);
        boolean anyCounted = false;
        boolean anyUncounted = false;
        for (int slot = 0; slot < size; slot++) {
            List<ResultEvent> shown = newerUncounted(uncounted[slot], counted[slot], sameVersion, version);
            anyCounted |= counted[slot] != null;
            anyUncounted |= !shown.isEmpty();
            evidence.add(counted[slot] == null && shown.isEmpty() ? Evidence.NONE
                    : new Evidence(counted[slot], shown));
        }
        return new SelectedEvidence(version, versionSource, evidence, !anyCounted && anyUncounted);
    }

    private static ResultEvent latestOfVersion(List<ResultEvent> results, String version) {
        if (results == null) {
            return null;
        }
        ResultEvent latest = null;
        for (ResultEvent result : results) {
            if (Objects.equals(version, result.serviceVersion()) && isLater(result, latest)) {
                latest = result;
            }
        }
        return latest;
    }

    private static List<ResultEvent> newerUncounted(List<ResultEvent> uncounted, ResultEvent counted,
                                                    boolean sameVersion, String version) {
        if (uncounted == null) {
            return List.of();
        }
        List<ResultEvent> shown = new ArrayList<>(uncounted.size());
        for (ResultEvent result : uncounted) {
            if ((!sameVersion || Objects.equals(version, result.serviceVersion())) && isLater(result, counted)) {
                shown.add(result);
            }
        }
        shown.sort((a, b) -> isLater(a, b) ? -1 : isLater(b, a) ? 1 : 0);
        return shown;
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

    /** The instances of one test id, by target; {@code next} holds a same-named test of another suite. */
    private static final class TestSlots {
        final String suite;
        final Map<String, Integer> byTarget = new HashMap<>();
        TestSlots next;

        TestSlots(String suite) {
            this.suite = suite;
        }
    }

    private static Map<String, TestSlots> index(List<ExpectedInstance> instances) {
        Map<String, TestSlots> byTest = new HashMap<>();
        for (int i = 0; i < instances.size(); i++) {
            ExpectedInstance instance = instances.get(i);
            TestSlots slots = byTest.get(instance.test());
            while (slots != null && !slots.suite.equals(instance.suite())) {
                slots = slots.next;
            }
            if (slots == null) {
                slots = new TestSlots(instance.suite());
                slots.next = byTest.get(instance.test());
                byTest.put(instance.test(), slots);
            }
            slots.byTarget.put(instance.target(), i);
        }
        return byTest;
    }

    private static int slotOf(Map<String, TestSlots> index, ResultEvent result) {
        TestSlots slots = index.get(result.test());
        while (slots != null && !slots.suite.equals(result.suite())) {
            slots = slots.next;
        }
        if (slots == null) {
            return -1;
        }
        Integer slot = slots.byTarget.get(result.target());
        return slot == null ? -1 : slot;
    }
}
