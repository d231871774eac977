package io.steadfast.connectors.health.internal;

import java.time.Duration;

/** Durations written for people. */
public final class Durations {

    private Durations() {
    }

    /** As in the definition files: {@code 30d}, {@code 12h}, {@code 90s}, {@code 500ms}. */
    public static String compact(Duration duration) {
        long millis = duration.toMillis();
        long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1_000L};
        String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length; i++) {
            if (millis != 0 && millis % sizes[i] == 0) {
                return millis / sizes[i] + units[i];
            }
        }
        return millis + "ms";
    }

    /** In whole days when at least one ({@code 95 days}), else in hours or minutes ({@code 23 hours}). */
    public static String words(Duration duration) {
        Duration length = duration.abs();
        if (length.toDays() >= 1) {
            return plural(length.toDays(), "day");
        }
        if (length.toHours() >= 1) {
            return plural(length.toHours(), "hour");
        }
        return plural(length.toMinutes(), "minute");
    }

    private static String plural(long count, String unit) {
        return count + " " + unit + (count == 1 ? "" : "s");
    }
}
