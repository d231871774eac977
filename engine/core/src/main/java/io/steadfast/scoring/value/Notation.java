package io.steadfast.scoring.value;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;

/** Short, cheap renderings of ages and numbers for notes and reasons. */
public final class Notation {

    private Notation() {
    }

    /** The age in its largest whole unit: {@code 3d}, {@code 5h}, {@code 12m}, {@code 40s}. */
    public static String age(Duration age) {
        long seconds = age.getSeconds();
        if (seconds >= 86_400) {
            return seconds / 86_400 + "d";
        }
        if (seconds >= 3_600) {
            return seconds / 3_600 + "h";
        }
        if (seconds >= 60) {
            return seconds / 60 + "m";
        }
        return seconds + "s";
    }

    /** A whole number without decimals, anything else with at most two, half-up. */
    public static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        return BigDecimal.valueOf(x).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
