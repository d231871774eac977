package io.steadfast.scoring.evidence;

import io.steadfast.model.Standard;
import io.steadfast.scoring.ScoreRequest;
import io.steadfast.scoring.expand.Expansion;
import io.steadfast.scoring.expand.InstanceIndex;
import io.steadfast.spi.result.ResultEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Step 2 of the score (DESIGN §4.2): picks each expected instance's counted result.
 *
 * <p>This runs once per result per score, so it is the hot path: one pass over the results finds
 * each result's instance with one probe of the expansion's {@link InstanceIndex}, drops a result of a
 * test, suite or target not expected, then one no later than the instance's counted result so far
 * (most results, once the pass is under way), before looking at anything else. The other conditions
 * (version, finished by now, not retracted, trusted source and environment) are checked only when a
 * result would be kept: as a newer counted result, or as an uncounted one newer than the instance's
 * counted result so far. Only when the version is not known beforehand (same-version evidence, no
 * version asked) does a first pass find the newest counted result, which names it. Stateless and
 * thread-safe.
 */
public final class EvidenceSelector {

    private EvidenceSelector() {
    }

    public static SelectedEvidence select(Expansion expansion, ScoreRequest request) {
        InstanceIndex index = expansion.index();
        int size = expansion.instances().size();
        Filter filter = new Filter(request);
        boolean sameVersion = request.standard().gate().evidence() == Standard.Evidence.SAME_VERSION;
        String version = request.version();
        String versionSource = version != null ? SelectedEvidence.REQUESTED : null;
        if (sameVersion && version == null) {
            ResultEvent newest = newestCounted(index, request, filter);
            if (newest != null) {
                version = newest.serviceVersion();
                versionSource = SelectedEvidence.NEWEST_COUNTED_RESULT;
            }
        }

        ResultEvent[] counted = new ResultEvent[size];
        // the counted result's finishedAt by slot, at hand without following two references per result
        long[] countedSeconds = new long[size];
        Arrays.fill(countedSeconds, Long.MIN_VALUE);
        @SuppressWarnings("unchecked")
        List<ResultEvent>[] uncounted = new List[size];
        for (ResultEvent result : request.results()) {
            int slot = index.slotOf(result.suite(), result.test(), result.target());
            if (slot < 0) {
                continue;
            }
            long seconds = result.finishedAt().getEpochSecond();
            if (seconds < countedSeconds[slot] || seconds == countedSeconds[slot] && !isLater(result, counted[slot])
                    || sameVersion && !Objects.equals(version, result.serviceVersion())) {
                continue;
            }
            if (result.status().counts()) {
                if (filter.keeps(result)) {
                    counted[slot] = result;
                    countedSeconds[slot] = seconds;
                }
            } else {
                // an uncounted result no later than a counted one kept so far is never shown
                List<ResultEvent> list = uncounted[slot];
                if (list == null) {
                    list = new ArrayList<>(4);
                    uncounted[slot] = list;
                }
                list.add(result);
            }
        }

        List<Evidence> evidence = new ArrayList<>(size);
        boolean anyCounted = false;
        boolean anyUncounted = false;
        for (int slot = 0; slot < size; slot++) {
            List<ResultEvent> shown = newerUncounted(uncounted[slot], counted[slot], filter);
            anyCounted |= counted[slot] != null;
            anyUncounted |= !shown.isEmpty();
            evidence.add(counted[slot] == null && shown.isEmpty() ? Evidence.NONE
                    : new Evidence(counted[slot], shown));
        }
        return new SelectedEvidence(version, versionSource, evidence, !anyCounted && anyUncounted);
    }

    /** The newest counted result of any expected instance and any version, or null. */
    private static ResultEvent newestCounted(InstanceIndex index, ScoreRequest request, Filter filter) {
        ResultEvent newest = null;
        for (ResultEvent result : request.results()) {
            if (isLater(result, newest) && result.status().counts()
                    && index.slotOf(result.suite(), result.test(), result.target()) >= 0 && filter.keeps(result)) {
                newest = result;
            }
        }
        return newest;
    }

    private static List<ResultEvent> newerUncounted(List<ResultEvent> uncounted, ResultEvent counted, Filter filter) {
        if (uncounted == null) {
            return List.of();
        }
        List<ResultEvent> shown = null;
        for (ResultEvent result : uncounted) {
            if (isLater(result, counted) && filter.keeps(result)) {
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

    /** The conditions on a result other than its instance and version: finished by now, not retracted, trusted. */
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
}
