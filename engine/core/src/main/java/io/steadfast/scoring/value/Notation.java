package io.steadfast.scoring.value;

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

    /**
     * A whole number without decimals, anything else with at most two, half-up. Integer arithmetic
     * only: this runs once per instance per score.
     */
    public static String number(double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return Long.toString((long) x);
        }
        if (Math.abs(x) >= 1e13 || Double.isNaN(x)) {
            return Double.toString(x);
        }
        long hundredths = Math.round(Math.abs(x) * 100);
        long whole = hundredths / 100;
        long fraction = hundredths % 100;
        String sign = x < 0 && hundredths != 0 ? "-" : "";
        if (fraction == 0) {
            return sign + whole;
        }
        return sign + whole + "." + (fraction % 10 == 0 ? Long.toString(fraction / 10)
                : fraction < 10 ? "0" + fraction : Long.toString(fraction));
    }
}
