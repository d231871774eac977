package io.steadfast.scoring.aggregate;

import io.steadfast.scoring.ScoreReport.CategoryScore;
import java.math.BigDecimal;
import java.util.List;

/**
 * The weighted means of DESIGN §4.4–4.6.
 *
 * @param categories the categories that count, in the expansion's order
 * @param shares     per expected instance, in the expansion's order: W/ΣW · w/Σw, so that its
 *                   points are share × v
 * @param unrounded  Σ W·C / Σ W
 * @param rounded    {@code unrounded} rounded once, half-up, to one decimal
 * @param coverage   weighted share of instances with a fresh counted result, in [0,1]
 */
public record Aggregation(List<CategoryScore> categories, double[] shares, double unrounded, BigDecimal rounded,
                          double coverage) {

    public Aggregation {
        categories = List.copyOf(categories);
        shares = shares.clone();
    }

    /** The share of expected instance {@code i}. */
    public double share(int i) {
        return shares[i];
    }
}
