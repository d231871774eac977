package io.steadfast.app;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How this process's folds ({@link Engine#fold}) have gone, for {@code /ready} and {@code /metrics}:
 * failed folds in a row and in all, and the blocks they set aside. Counts only, never service data.
 * Thread-safe.
 */
public final class FoldHealth {

    /** This many failed folds in a row make the fold count as down: scores are no longer recorded. */
    public static final int FAILING = 3;

    private final AtomicInteger failuresInARow = new AtomicInteger();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong setAside = new AtomicLong();

    void succeeded(int blocksSetAside) {
        failuresInARow.set(0);
        setAside.addAndGet(blocksSetAside);
    }

    void failed() {
        failuresInARow.incrementAndGet();
        failures.incrementAndGet();
    }

    /** Folds that failed since the last one that did not. */
    public int failuresInARow() {
        return failuresInARow.get();
    }

    /** Whether the last {@link #FAILING} folds or more failed. */
    public boolean failing() {
        return failuresInARow() >= FAILING;
    }

    /** Folds that failed since the process started. */
    public long failures() {
        return failures.get();
    }

    /** Blocks this process's folds set aside since it started. */
    public long blocksSetAside() {
        return setAside.get();
    }
}
