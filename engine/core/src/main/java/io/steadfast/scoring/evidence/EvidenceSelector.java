package io.steadfast.scoring.evidence;

import io.steadfast.model.Standard;
import io.steadfast.scoring.ScoreRequest;
import io.steadfast.scoring.expand.ExpectedInstance;
import io.steadfast.scoring.expand.Expansion;
import io.steadfast.spi.result.ResultEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Step 2 of the score (DESIGN §4.2): picks each expected instance's counted result.
 *
 * <p>This runs once per result per score, so it is the hot path: one pass over the results finds
 * each result's instance with one probe of a small hash table keyed by (test, target), and drops a
 * result of a test, suite or target not expected before looking at anything else. The other
 * conditions (finished by now, not retracted, trusted source and environment) are plain filters, so
 * they are checked only when a result would be kept: as a newer counted result, or as an uncounted
 * one newer than the instance's counted result. Only when the version is not known before the pass
 * (same-version evidence, no version asked) are counted results kept, to be searched once the newest
 * counted result has named the version. Stateless and thread-safe.
 */
public final class EvidenceSelector {

    private EvidenceSelector() {
    }

    public static SelectedEvidence select(Expansion expansion, ScoreRequest request) {
        List<ExpectedInstance> instances = expansion.instances();
        int size = instances.size();
        Filter filter = new Filter(request);
        InstanceIndex index = new InstanceIndex(instances);
        Standard.GatePolicy policy = request.standard().gate();
        boolean sameVersion = policy.evidence() == Standard.Evidence.SAME_VERSION;
        String version = request.version();
        boolean versionPending = sameVersion && version == null;
        boolean checkVersion = sameVersion && !versionPending;

        ResultEvent[] counted = new ResultEvent[size];
        @SuppressWarnings("unchecked")
        List<ResultEvent>[] uncounted = new List[size];
        ResultEvent[] pending = versionPending ? new ResultEvent[request.results().size()] : null;
        int[] pendingSlots = versionPending ? new int[pending.length] : null;
        int pendingCount = 0;
        ResultEvent newestCounted = null;
        for (ResultEvent result : request.results()) {
            int slot = index.slotOf(result);
            if (slot < 0) {
                continue;
            }
            if (!result.status().counts()) {
                // An uncounted result no later than a counted one kept so far is never shown.
                if (!versionPending && !(isLater(result, counted[slot])
                        && (!checkVersion || Objects.equals(version, result.serviceVersion())))) {
                    continue;
                }
                List<ResultEvent> list = uncounted[slot];
                if (list == null) {
                    list = new ArrayList<>(4);
                    uncounted[slot] = list;
                }
                list.add(result);
            } else if (versionPending) {
                pending[pendingCount] = result;
                pendingSlots[pendingCount++] = slot;
                if (isLater(result, newestCounted) && filter.keeps(result)) {
                    newestCounted = result;
                }
            } else if ((!checkVersion || Objects.equals(version, result.serviceVersion()))
                    && isLater(result, counted[slot]) && filter.keeps(result)) {
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
        for (int i = 0; i < pendingCount; i++) {
            ResultEvent result = pending[i];
            int slot = pendingSlots[i];
            if (Objects.equals(version, result.serviceVersion()) && isLater(result, counted[slot])
                    && filter.keeps(result)) {
                counted[slot] = result;
            }
        }

        List<Evidence> evidence = new ArrayList<>(size);
        boolean anyCounted = false;
        boolean anyUncounted = false;
        for (int slot = 0; slot < size; slot++) {
            List<ResultEvent> shown = newerUncounted(uncounted[slot], counted[slot], sameVersion, version, filter);
            anyCounted |= counted[slot] != null;
            anyUncounted |= !shown.isEmpty();
            evidence.add(counted[slot] == null && shown.isEmpty() ? Evidence.NONE
                    : new Evidence(counted[slot], shown));
        }
        return new SelectedEvidence(version, versionSource, evidence, !anyCounted && anyUncounted);
    }

    private static List<ResultEvent> newerUncounted(List<ResultEvent> uncounted, ResultEvent counted,
                                                    boolean sameVersion, String version, Filter filter) {
        if (uncounted == null) {
            return List.of();
        }
        List<ResultEvent> shown = null;
        for (ResultEvent result : uncounted) {
            if ((!sameVersion || Objects.equals(version, result.serviceVersion())) && isLater(result, counted)
                    && filter.keeps(result)) {
                if (shown == null) {
                    shown = new ArrayList<>(uncounted.size());
                }
                shown.add(result);
            }
        }
        if (shown == null) {
            return List.of();
        }
        shown.sort((a, b) -> isLater(a, b) ? -1 : isLater(b, a) ? 1 : 0);
        return shown;
    }

    /** Whether {@code a} comes after {@code b} by finishedAt, ties broken by the greater resultId. */
    static boolean isLater(ResultEvent a, ResultEvent b) {
        if (b == null) {
            return true;
        }
        int byTime = a.finishedAt().compareTo(b.finishedAt());
        return byTime != 0 ? byTime > 0 : a.resultId().compareTo(b.resultId()) > 0;
    }

    /** The conditions on a result other than its instance: finished by now, not retracted, trusted. */
    private static final class Filter {
        private final Instant now;
        private final Set<String> retracted;
        private final List<String> sources;
        private final List<String> environments;

        Filter(ScoreRequest request) {
            Standard.GatePolicy policy = request.standard().gate();
            this.now = request.now();
            this.retracted = request.retractedResultIds().isEmpty() ? null : request.retractedResultIds();
            this.sources = policy.sources().isEmpty() ? null : policy.sources();
            this.environments = policy.environments().isEmpty() ? null : policy.environments();
        }

        boolean keeps(ResultEvent result) {
            return !result.finishedAt().isAfter(now)
                    && (retracted == null || !retracted.contains(result.resultId()))
                    && trusted(sources, result.source())
                    && trusted(environments, result.environment());
        }

        /** No list trusts everything, a list only what it holds (never an absent value). */
        private static boolean trusted(List<String> trustedValues, String value) {
            return trustedValues == null || (value != null && trustedValues.contains(value));
        }
    }

    /**
     * The expected instances by (suite, test, target): an open-addressing table probed once per result,
     * with no key object, no boxing and, for the usual shared strings, no character comparison.
     */
    private static final class InstanceIndex {
        private final int mask;
        private final int shift;
        private final int[] hashes;
        private final String[] tests;
        private final String[] targets;
        private final String[] suites;
        private final int[] slots;

        InstanceIndex(List<ExpectedInstance> instances) {
            int capacity = Integer.highestOneBit(Math.max(2, instances.size()) * 4 - 1);
            mask = capacity - 1;
            shift = Integer.numberOfLeadingZeros(mask);
            hashes = new int[capacity];
            tests = new String[capacity];
            targets = new String[capacity];
            suites = new String[capacity];
            slots = new int[capacity];
            for (int slot = 0; slot < instances.size(); slot++) {
                ExpectedInstance instance = instances.get(slot);
                int hash = hash(instance.test(), instance.target());
                int i = hash >>> shift;
                while (tests[i] != null && !matches(i, hash, instance.test(), instance.target(), instance.suite())) {
                    i = (i + 1) & mask;
                }
                hashes[i] = hash;
                tests[i] = instance.test();
                targets[i] = instance.target();
                suites[i] = instance.suite();
                slots[i] = slot;
            }
        }

        /** The slot of the result's instance, or -1 when no expected instance is its. */
        int slotOf(ResultEvent result) {
            String test = result.test();
            String target = result.target();
            int hash = hash(test, target);
            for (int i = hash >>> shift; tests[i] != null; i = (i + 1) & mask) {
                if (matches(i, hash, test, target, result.suite())) {
                    return slots[i];
                }
            }
            return -1;
        }

        private boolean matches(int i, int hash, String test, String target, String suite) {
            return hashes[i] == hash && tests[i].equals(test) && targets[i].equals(target)
                    && suites[i].equals(suite);
        }

        /** Fibonacci hashing: the top bits of the product are well spread even for ids like dep-1, dep-2. */
        private static int hash(String test, String target) {
            return (test.hashCode() * 31 + target.hashCode()) * 0x9E3779B9;
        }
    }
}
