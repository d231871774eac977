package io.steadfast.connectors.health.internal;

import java.io.Closeable;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Closes a socket when its probe runs out of time. A socket read timeout bounds each read, not a
 * whole TLS handshake, which takes several; closing the socket bounds the total.
 */
public final class Deadline implements AutoCloseable {

    private static final ScheduledThreadPoolExecutor TIMER = timer();

    private final AtomicBoolean passed = new AtomicBoolean();
    private final ScheduledFuture<?> closing;

    private Deadline(Closeable resource, Duration after) {
        Callable<Void> close = () -> {
            passed.set(true);
            resource.close();
            return null;
        };
        this.closing = TIMER.schedule(close, after.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Closes {@code resource} {@code after} from now unless this deadline is closed first. */
    public static Deadline closeAfter(Closeable resource, Duration after) {
        return new Deadline(resource, after);
    }

    /** Whether the deadline passed and the resource was closed because of it. */
    public boolean passed() {
        return passed.get();
    }

    @Override
    public void close() {
        closing.cancel(false);
    }

    private static ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "steadfast-health-deadline");
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        return timer;
    }
}
