package io.steadfast.definitions.internal;

/**
 * How many nodes one load may read, merge and check, with aliases and {@code extends} expanded.
 * Aliases and inheritance let a definition stand for far more than it writes: a base of 10,000
 * weights inherited by 10,000 one-line standards is 100 million nodes to check. This bound keeps
 * any input to about the work of a few megabytes of plain definitions (one holds some 100,000 nodes; the
 * shipped files a few thousand). One per load, not thread-safe.
 */
final class Budget {

    static final long MAX_NODES = 500_000;

    private final Problems problems;
    private long spent;

    Budget(Problems problems) {
        this.problems = problems;
    }

    /** Spends {@code nodes}; false once the load is over budget, which the first time is reported at {@code at}. */
    boolean spend(long nodes, Position at, String path) {
        boolean wasOver = over();
        spent += nodes;
        if (over() && !wasOver) {
            problems.report(at, path, "definitions loaded together must have at most " + MAX_NODES
                    + " nodes with aliases and extends expanded", "more from here on");
        }
        return !over();
    }

    boolean over() {
        return spent > MAX_NODES;
    }
}
