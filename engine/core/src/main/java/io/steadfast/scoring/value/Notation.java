package io.steadfast.scoring.value;

import java.time.Duration;

/**
 * Short, cheap renderings of ages and numbers for notes and reasons: integer arithmetic only, appended
 * straight to the text being built, since this runs once per instance per score.
 */
public final class Notation {

    private Notation() {
    }

    /** The age in its largest whole unit: {@code 3d}, {@code 5h}, {@code 12m}, {@code 40s}. */
    public static String age(Duration age) {
        return appendAge(new StringBuilder(8), age).toString();
    }

    /** A whole number without decimals, anything else with at most two, half-up. */
    public static String number(double x) {
        return appendNumber(new StringBuilder(8), x).toString();
    }

    /** Appends {@link #age}. */
    public static StringBuilder appendAge(StringBuilder text, Duration age) {
        long seconds = age.getSeconds();
        if (seconds >= 86_400) {
            return text.append(seconds / 86_400).append('d');
        }
        if (seconds >= 3_600) {
            return text.append(seconds / 3_600).append('h');
        }
        if (seconds >= 60) {
            return text.append(seconds / 60).append('m');
        }
        return text.append(seconds).append('s');
    }

    /** Appends {@link #number}. */
    public static StringBuilder appendNumber(StringBuilder text, double x) {
        if (x == Math.rint(x) && Math.abs(x) < 1e15) {
            return text.append((long) x);
        }
        if (Math.abs(x) >= 1e13 || Double.isNaN(x)) {
            return text.append(x);
        }
        long hundredths = Math.round(Math.abs(x) * 100);
        long whole = hundredths / 100;
        long fraction = hundredths % 100;
        if (x < 0 && hundredths != 0) {
            text.append('-');
        }
        text.append(whole);
        if (fraction == 0) {
            return text;
        }
        text.append('.');
        if (fraction % 10 == 0) {
            return text.append(fraction / 10);
        }
        return fraction < 10 ? text.append('0').append(fraction) : text.append(fraction);
    }
}
