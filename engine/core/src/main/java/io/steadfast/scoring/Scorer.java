package io.steadfast.scoring;

import io.steadfast.model.Standard;
import io.steadfast.scoring.ScoreReport.InstanceScore;
import io.steadfast.scoring.ScoreReport.NextAction;
import io.steadfast.scoring.aggregate.Aggregation;
import io.steadfast.scoring.aggregate.Aggregator;
import io.steadfast.scoring.evidence.Evidence;
import io.steadfast.scoring.evidence.EvidenceSelector;
import io.steadfast.scoring.evidence.SelectedEvidence;
import io.steadfast.scoring.expand.Expansion;
import io.steadfast.scoring.expand.ExpansionCache;
import io.steadfast.scoring.explain.Explainer;
import io.steadfast.scoring.value.InstanceValue;
import io.steadfast.scoring.value.InstanceValuer;
import io.steadfast.scoring.verdict.ActiveWaivers;
import io.steadfast.scoring.verdict.VerdictDecision;
import io.steadfast.scoring.verdict.VerdictRules;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes a service's score under a standard (DESIGN §4), as a pure function of a
 * {@link ScoreRequest}: no I/O, no clock (time is {@code request.now()}).
 *
 * <p>The pipeline, one package per step: {@code expand} (expected instances and what is not
 * applicable) → {@code evidence} (each instance's counted result) → {@code value} (status values and
 * freshness) → {@code aggregate} (category scores, score, coverage) → {@code verdict} →
 * {@code explain} (points per instance, next actions).
 *
 * <p>Thread-safety: one instance may serve any number of threads. It keeps nothing but a bounded
 * cache of expansions, which are a pure function of the definitions (see {@link ExpansionCache}).
 */
public final class Scorer {

    /** Enough for every (standard, service shape) pair of a large organisation; a few MiB at most. */
    private static final int EXPANSIONS = 1_024;

    private final ExpansionCache expansions = new ExpansionCache(EXPANSIONS);

    /**
     * Scores one service.
     *
     * @throws IllegalArgumentException when the standard names a suite that {@code request.suites()}
     *                                  does not hold (the caller guarantees them)
     */
    public ScoreReport score(ScoreRequest request) {
        Standard standard = request.standard();
        Expansion expansion = expansions.expand(request.service(), standard, request.suites());
        SelectedEvidence evidence = EvidenceSelector.select(expansion, request);
        List<InstanceValue> values = new ArrayList<>(evidence.evidence().size());
        for (Evidence e : evidence.evidence()) {
            values.add(InstanceValuer.value(e.counted(), standard, request.now()));
        }
        Aggregation aggregation = Aggregator.aggregate(expansion, values);
        ActiveWaivers waivers = ActiveWaivers.of(request.service().id(), request.waivers(), request.now());
        VerdictDecision verdict = VerdictRules.decide(request.service(), standard, expansion, evidence, values,
                aggregation, waivers);
        List<InstanceScore> instances = Explainer.instances(expansion, evidence, values, aggregation, waivers);
        List<NextAction> nextActions = Explainer.nextActions(standard, expansion, values, aggregation,
                request.now());
        boolean noData = verdict.verdict() == Verdict.NO_DATA;
        return new ScoreReport(ScoreReport.SCHEMA_VERSION, request.service().id(), standard.id(),
                evidence.version(), evidence.versionSource(),
                request.environment() != null ? request.environment() : request.service().environment(),
                request.now(),
                noData ? null : aggregation.rounded(), noData ? null : aggregation.unrounded(),
                verdict.verdict(), verdict.reasons(), aggregation.coverage(), standard.thresholds(),
                aggregation.categories(), instances, expansion.notApplicable(), nextActions);
    }
}
