package io.steadfast.runner.internal;

import java.time.Duration;

/** How the runner writes durations in messages. */
public final class Texts {

    private Texts() {
    }

    /** {@code 350 ms}, {@code 1.2 s}, {@code 95 s}. */
    public static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis < 10_000) {
            return String.format(java.util.Locale.ROOT, "%.1f s", millis / 1000.0);
        }
        return Math.round(millis / 1000.0) + " s";
    }
}
