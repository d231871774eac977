package io.steadfast.connectors.kafka.internal;

import java.util.concurrent.atomic.AtomicBoolean;

/** Runs an action on first use only, and again next time if it failed (such as creating missing topics). Thread-safe. */
public final class Once {

    private final Runnable action;
    private final AtomicBoolean done = new AtomicBoolean();

    public Once(Runnable action) {
        this.action = action;
    }

    public void run() {
        if (done.compareAndSet(false, true)) {
            try {
                action.run();
            } catch (RuntimeException e) {
                done.set(false);
                throw e;
            }
        }
    }
}
