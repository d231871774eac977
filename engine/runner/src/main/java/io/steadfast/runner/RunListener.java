package io.steadfast.runner;

import io.steadfast.spi.health.Observation;
import io.steadfast.spi.result.ResultEvent;
import java.time.Duration;

/** What a run shows while it goes: called from the runner's thread, in order. */
public interface RunListener {

    RunListener SILENT = new RunListener() {
    };

    default void testStarted(PlannedTest test, int index, int total) {
    }

    /** A phase without a fault: {@code preflight}, {@code recovery}. */
    default void phase(PlannedTest test, String phase) {
    }

    default void stageStarted(PlannedTest test, int stage, int stages, String fault, Duration duration) {
    }

    /** A health check was probed; {@code elapsed} is the time since the current phase began. */
    default void observed(PlannedTest test, String check, Observation observation, Duration elapsed) {
    }

    default void testFinished(PlannedTest test, ResultEvent result) {
    }
}
