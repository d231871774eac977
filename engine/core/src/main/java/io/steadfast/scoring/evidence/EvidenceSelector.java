package io.steadfast.scoring.evidence;

import io.steadfast.model.Standard;
import io.steadfast.scoring.ScoreRequest;
import io.steadfast.scoring.expand.Expansion;
import io.steadfast.scoring.expand.ExpectedInstance;
import io.steadfast.spi.result.ResultEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Step 2 of the score (DESIGN §4.2): picks each expected instance's counted result.
 *
 * <p>It reads the {@link ResultHistory}, whose results are grouped by instance and newest first: for
 * each expected instance it walks that instance's results from the newest and stops at the first
 * counted one that the version, the time ({@code now}), retractions and the trusted sources and
 * environments let count. The uncounted results (ERROR, SKIPPED) passed on the way are the ones newer
 * than it, shown beside it. Only when the version is not known beforehand (same-version evidence, no
 * version asked) does a first walk find the newest counted result, which names it. Stateless and
 * thread-safe.
 */
public final class EvidenceSelector {

    private EvidenceSelector() {
    }

    public static SelectedEvidence select(Expansion expansion, ScoreRequest request) {
        ResultHistory history = request.results();
        Filter filter = new Filter(request);
        boolean sameVersion = request.standard().gate().evidence() == Standard.Evidence.SAME_VERSION;
        String version = request.version();
        String versionSource = version != null ? SelectedEvidence.REQUESTED : null;
        if (sameVersion && version == null) {
            ResultEvent newest = newestCounted(expansion, history, filter);
            if (newest != null) {
                version = newest.serviceVersion();
                versionSource = SelectedEvidence.NEWEST_COUNTED_RESULT;
            }
        }

        List<Evidence> evidence = new ArrayList<>(expansion.instances().size());
        boolean anyCounted = false;
        boolean anyUncounted = false;
        for (ExpectedInstance instance : expansion.instances()) {
            ResultEvent counted = null;
            List<ResultEvent> shown = List.of();
            for (ResultEvent result : history.newestFirst(instance.suite(), instance.test(), instance.target())) {
                if (sameVersion && !Objects.equals(version, result.serviceVersion()) || !filter.keeps(result)) {
                    continue;
                }
                if (result.status().counts()) {
                    counted = result;
                    break;
                }
                if (shown.isEmpty()) {
                    shown = new ArrayList<>(4);
                }
                shown.add(result);
            }
            anyCounted |= counted != null;
            anyUncounted |= !shown.isEmpty();
            evidence.add(counted == null && shown.isEmpty() ? Evidence.NONE : new Evidence(counted, shown));
        }
        return new SelectedEvidence(version, versionSource, evidence, !anyCounted && anyUncounted);
    }

    /** The newest counted result of any expected instance and any version, or null. */
    private static ResultEvent newestCounted(Expansion expansion, ResultHistory history, Filter filter) {
        ResultEvent newest = null;
        for (ExpectedInstance instance : expansion.instances()) {
            for (ResultEvent result : history.newestFirst(instance.suite(), instance.test(), instance.target())) {
                if (result.status().counts() && filter.keeps(result)) {
                    if (isLater(result, newest)) {
                        newest = result;
                    }
                    break;
                }
            }
        }
        return newest;
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
