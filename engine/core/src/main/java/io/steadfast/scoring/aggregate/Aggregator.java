package io.steadfast.scoring.aggregate;

import io.steadfast.scoring.ScoreReport.CategoryScore;
import io.steadfast.scoring.expand.ExpectedCategory;
import io.steadfast.scoring.expand.ExpectedInstance;
import io.steadfast.scoring.expand.Expansion;
import io.steadfast.scoring.value.InstanceValue;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Steps 4–6 of the score (DESIGN §4.4–4.6): category scores, the score and coverage, summed in the
 * expansion's fixed order (category, test, target) so that input order never changes a bit of it.
 * Stateless and thread-safe.
 */
public final class Aggregator {

    private Aggregator() {
    }

    /** Rounds a score the one way DESIGN §4.5 allows: in decimal, half-up, to one decimal. */
    public static BigDecimal round(double unrounded) {
        return BigDecimal.valueOf(unrounded).setScale(1, RoundingMode.HALF_UP);
    }

    /** @param values one per expected instance, in the expansion's order */
    public static Aggregation aggregate(Expansion expansion, List<InstanceValue> values) {
        List<ExpectedCategory> categories = expansion.categories();
        double sumCategoryWeights = 0;
        for (ExpectedCategory category : categories) {
            sumCategoryWeights += category.weight();
        }
        double[] shares = new double[expansion.instances().size()];
        List<CategoryScore> scores = new ArrayList<>(categories.size());
        double weightedSum = 0;
        double coverage = 0;
        int i = 0;
        for (ExpectedCategory category : categories) {
            double categoryShare = sumCategoryWeights > 0 ? category.weight() / sumCategoryWeights : 0;
            double sumWeights = 0;
            for (ExpectedInstance instance : category.instances()) {
                sumWeights += instance.weight();
            }
            double sumWeightedValues = 0;
            double sumFreshWeights = 0;
            for (ExpectedInstance instance : category.instances()) {
                InstanceValue value = values.get(i);
                sumWeightedValues += instance.weight() * value.value();
                if (value.fresh()) {
                    sumFreshWeights += instance.weight();
                }
                shares[i] = sumWeights > 0 ? categoryShare * (instance.weight() / sumWeights) : 0;
                i++;
            }
            double categoryScore = sumWeights > 0 ? sumWeightedValues / sumWeights : 0;
            weightedSum += category.weight() * categoryScore;
            if (sumWeights > 0) {
                coverage += categoryShare * (sumFreshWeights / sumWeights);
            }
            scores.add(new CategoryScore(category.category(), category.weight(), categoryShare, categoryScore,
                    categoryShare * categoryScore, category.required()));
        }
        double unrounded = sumCategoryWeights > 0 ? clamp(weightedSum / sumCategoryWeights, 0, 100) : 0;
        return new Aggregation(scores, shares, unrounded, round(unrounded), clamp(coverage, 0, 1));
    }

    private static double clamp(double x, double low, double high) {
        return Math.max(low, Math.min(high, x));
    }
}
