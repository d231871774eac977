package io.steadfast.scoring.rollup;

import java.math.BigDecimal;
import java.util.Locale;

/** Where a rounded score falls: good ≥ 70, fair 50 to under 70, poor under 50. */
public enum Band {
    GOOD,
    FAIR,
    POOR;

    private static final BigDecimal GOOD_FROM = BigDecimal.valueOf(70);
    private static final BigDecimal FAIR_FROM = BigDecimal.valueOf(50);

    /** The band of a rounded score; null for null (NO_DATA). */
    public static Band of(BigDecimal score) {
        if (score == null) {
            return null;
        }
        return score.compareTo(GOOD_FROM) >= 0 ? GOOD : score.compareTo(FAIR_FROM) >= 0 ? FAIR : POOR;
    }

    public static Band of(double score) {
        return of(BigDecimal.valueOf(score));
    }

    /** The lower-case name used in files, JSON and the dashboard. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
