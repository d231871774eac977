package io.steadfast.app;

import jakarta.inject.Singleton;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where the caches' background refreshes run: threads of their own, not the common fork-join pool,
 * which has a single thread on two cores and is shared with every parallel stream. Daemon threads,
 * so a CLI command ends without closing it.
 */
@Singleton
public final class CacheRefresh implements Executor {

    private static final int THREADS = 4;

    private final ExecutorService threads;

    public CacheRefresh() {
        AtomicInteger count = new AtomicInteger();
        threads = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "steadfast-cache-refresh-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public void execute(Runnable task) {
        threads.execute(task);
    }
}
