package io.steadfast.cli;

import io.steadfast.runner.PlannedTest;
import io.steadfast.runner.RunListener;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.Observation;
import io.steadfast.spi.result.ResultEvent;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shows a run as it goes: a line per test, a bar per stage that fills as time passes with the
 * latest health observation beside it, and the result. On a terminal the bar is redrawn in place;
 * elsewhere (a CI log) each stage prints its start, every change of health and its end.
 */
final class RunProgress implements RunListener {

    private static final int WIDTH = 24;

    private final PrintWriter out;
    private final boolean live;
    private final Map<String, Health> lastHealth = new HashMap<>();
    private String stageLabel;
    private Duration stageDuration = Duration.ZERO;
    private boolean barOpen;

    RunProgress(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    @Override
    public void testStarted(PlannedTest test, int index, int total) {
        out.printf("[%d/%d] %s (%s)%n", index + 1, total, test.name(), test.suite());
        lastHealth.clear();
        out.flush();
    }

    @Override
    public void phase(PlannedTest test, String phase) {
        endBar();
        stageLabel = phase;
        stageDuration = Duration.ZERO;
        lastHealth.clear();
    }

    @Override
    public void stageStarted(PlannedTest test, int stage, int stages, String fault, Duration duration) {
        endBar();
        stageLabel = "stage " + stage + "/" + stages + " " + fault;
        stageDuration = duration;
        lastHealth.clear();
        if (!live) {
            out.printf("  %s (%s)%n", stageLabel, seconds(duration));
            out.flush();
        }
    }

    @Override
    public void observed(PlannedTest test, String check, Observation observation, Duration elapsed) {
        Health before = lastHealth.put(check, observation.health());
        String health = observation.health().name().toLowerCase(Locale.ROOT) + " " + observation.detail();
        if (live) {
            String bar = stageDuration.isZero() ? "" : bar(elapsed) + " " + seconds(elapsed) + "/"
                    + seconds(stageDuration) + "  ";
            out.print("\r\033[2K  " + stageLabel + "  " + bar + check + ": " + health);
            barOpen = true;
        } else if (before != observation.health()) {
            out.printf("    %s +%s  %s: %s%n", stageLabel.startsWith("stage") ? "" : stageLabel, seconds(elapsed),
                    check, health);
        }
        out.flush();
    }

    @Override
    public void testFinished(PlannedTest test, ResultEvent result) {
        endBar();
        out.printf("  -> %s  %s%n", result.status(), result.message() == null ? "" : result.message());
        out.flush();
    }

    private void endBar() {
        if (barOpen) {
            out.println();
            barOpen = false;
        }
    }

    private String bar(Duration elapsed) {
        double share = Math.min(1.0, elapsed.toMillis() / (double) Math.max(1, stageDuration.toMillis()));
        int filled = (int) Math.round(share * WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "]";
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.0fs", duration.toMillis() / 1000.0);
    }
}
