package io.steadfast.scoring.explain;

import io.steadfast.model.Standard;
import io.steadfast.model.Waiver;
import io.steadfast.scoring.ScoreReport.InstanceScore;
import io.steadfast.scoring.ScoreReport.NextAction;
import io.steadfast.scoring.ScoreReport.UncountedResult;
import io.steadfast.scoring.aggregate.Aggregation;
import io.steadfast.scoring.evidence.Evidence;
import io.steadfast.scoring.evidence.SelectedEvidence;
import io.steadfast.scoring.expand.ExpectedInstance;
import io.steadfast.scoring.expand.Expansion;
import io.steadfast.scoring.value.InstanceValue;
import io.steadfast.scoring.value.InstanceValuer;
import io.steadfast.scoring.verdict.ActiveWaivers;
import io.steadfast.spi.result.ResultEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Step 8 of the score (DESIGN §4.8): every instance's contribution in points, and the next actions.
 * Stateless and thread-safe.
 */
public final class Explainer {

    /** A counted result expiring within this is flagged in the next actions. */
    public static final Duration EXPIRING_SOON = Duration.ofDays(7);

    private static final Comparator<NextAction> BY_GAIN = Comparator
            .comparingDouble(NextAction::pointsIfPassed).reversed();

    private Explainer() {
    }

    /** One {@link InstanceScore} per expected instance, in the expansion's order. */
    public static List<InstanceScore> instances(Expansion expansion, SelectedEvidence evidence,
                                                List<InstanceValue> values, Aggregation aggregation,
                                                ActiveWaivers waivers) {
        List<ExpectedInstance> expected = expansion.instances();
        List<InstanceScore> scores = new ArrayList<>(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            ExpectedInstance instance = expected.get(i);
            Evidence e = evidence.evidence().get(i);
            InstanceValue value = values.get(i);
            ResultEvent counted = e.counted();
            Waiver waiver = waivers.find(instance.test(), instance.target());
            scores.add(new InstanceScore(instance.suite(), instance.test(), instance.target(), instance.category(),
                    instance.testWeight(), instance.weight(), value.value(), aggregation.share(i) * value.value(),
                    counted == null ? null : counted.status(),
                    counted == null ? null : counted.resultId(),
                    counted == null ? null : counted.finishedAt(),
                    counted == null ? null : counted.serviceVersion(),
                    value.age(), value.fresh(), instance.mustPass(),
                    waiver == null ? null : waiver.id(), value.note(), uncounted(e)));
        }
        return scores;
    }

    /**
     * The instances that would raise the score if they passed today, or whose counted result is
     * about to expire: by points they would add (descending), ties in the fixed (category, test,
     * target) order.
     */
    public static List<NextAction> nextActions(Standard standard, Expansion expansion, List<InstanceValue> values,
                                               Aggregation aggregation, Instant now) {
        double passed = InstanceValuer.passedToday(standard);
        Instant soon = now.plus(EXPIRING_SOON);
        List<ExpectedInstance> expected = expansion.instances();
        List<NextAction> actions = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            InstanceValue value = values.get(i);
            double gain = aggregation.share(i) * (passed - value.value());
            boolean expiringSoon = value.fresh() && value.expiresAt().compareTo(soon) <= 0;
            if (gain > 0 || expiringSoon) {
                ExpectedInstance instance = expected.get(i);
                actions.add(new NextAction(instance.suite(), instance.test(), instance.target(), Math.max(gain, 0),
                        expiringSoon, value.expiresAt()));
            }
        }
        // A stable sort keeps the expansion's (category, test, target) order among equal gains.
        actions.sort(BY_GAIN);
        return actions;
    }

    private static List<UncountedResult> uncounted(Evidence evidence) {
        if (evidence.uncounted().isEmpty()) {
            return List.of();
        }
        List<UncountedResult> shown = new ArrayList<>(evidence.uncounted().size());
        for (ResultEvent result : evidence.uncounted()) {
            shown.add(new UncountedResult(result.resultId(), result.status(), result.finishedAt(), result.message()));
        }
        return shown;
    }
}
