package io.steadfast.app.ingest;

import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.spi.ResultSource;
import io.steadfast.spi.source.BatchHandler;
import io.steadfast.spi.source.PartitionLag;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ResultSource} with the ingest handler on a thread of its own
 * ({@code steadfast-ingest}) from {@link #start} until {@link #stop}, and beside it, on a second thread
 * ({@code steadfast-fold}), the fold that makes stored results count and records the scores they move
 * ({@code Engine.fold}): after every batch, and at least every {@value #FOLD_INTERVAL_MS} ms (for
 * results other processes stored). Ingest's transactions then hold nothing but the results, and while
 * a backlog drains, one fold takes in all the batches stored since the last. A failed fold is tried
 * again after a growing pause; {@link #stop} ends ingest first, then folds what is left. A fatal failure of
 * the source ends the loop; {@link #finished} completes with it.
 */
public final class IngestLoop implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    private static final long STOP_TIMEOUT_SECONDS = 60;
    static final long FOLD_INTERVAL_MS = 200;
    /** More records than this waiting on the results topic make a backlog: folds then wait {@link #BACKLOG_PAUSE_MS}. */
    static final long BACKLOG_RECORDS = 20_000;
    static final long BACKLOG_PAUSE_MS = 5_000;
    /** A failed fold is tried again after a pause that doubles with each failure in a row, up to this. */
    static final long MAX_RETRY_PAUSE_MS = 5_000;

    private final ResultSource source;
    private final BatchHandler handler;
    private final LongSupplier fold;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Object turn = new Object();
    private boolean stored;
    private boolean stopping;
    private Thread thread;
    private Thread folder;

    /** @param fold folds stored results, records the scores they move and returns how many it folded ({@code Engine::fold}) */
    public IngestLoop(ResultSource source, BatchHandler handler, LongSupplier fold) {
        this.source = source;
        this.handler = batch -> {
            var outcome = handler.handle(batch);
            synchronized (turn) {
                stored = true;
                turn.notifyAll();
            }
            return outcome;
        };
        this.fold = fold;
    }

    @Override
    public String name() {
        return "ingest";
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        thread = new Thread(() -> {
            try {
                source.run(handler);
                finished.complete(null);
            } catch (Throwable e) {
                LOG.error("ingest stopped: {}", e.getMessage(), e);
                finished.completeExceptionally(e);
            }
        }, "steadfast-ingest");
        folder = new Thread(this::foldUntilStopped, "steadfast-fold");
        thread.start();
        folder.start();
    }

    /** Records waiting on the results topic, by the consumer's last poll. */
    private long backlog() {
        return source.lag().stream().mapToLong(PartitionLag::lag).sum();
    }

    /**
     * Folds after each batch, or every {@link #FOLD_INTERVAL_MS} at the latest. While a backlog drains,
     * a fold is followed by a pause of up to {@link #BACKLOG_PAUSE_MS}, so that the next takes in
     * several batches of each service at once: one merge and one score per service for all of them,
     * and the CPU left to ingest. Scores then trail the stored results by up to that pause; it ends
     * early once the backlog is gone. After a failure, the next fold waits out its retry pause.
     */
    private void foldUntilStopped() {
        long retryPause = 0;
        boolean draining = false;
        int failures = 0;
        boolean last = false;
        while (!last) {
            synchronized (turn) {
                long wait = retryPause > 0 ? retryPause : draining ? BACKLOG_PAUSE_MS : FOLD_INTERVAL_MS;
                long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(wait);
                while (!stopping && System.nanoTime() < until
                        && !(retryPause == 0 && stored && (!draining || backlog() <= BACKLOG_RECORDS))) {
                    try {
                        long left = TimeUnit.NANOSECONDS.toMillis(until - System.nanoTime());
                        turn.wait(Math.max(1, Math.min(left, FOLD_INTERVAL_MS)));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
                stored = false;
                last = stopping;
            }
            try {
                fold.getAsLong();
                draining = backlog() > BACKLOG_RECORDS;
                retryPause = 0;
                failures = 0;
            } catch (RuntimeException e) {
                failures++;
                retryPause = Math.min(MAX_RETRY_PAUSE_MS, FOLD_INTERVAL_MS << Math.min(failures, 5));
                LOG.warn("folding stored results failed (failure {} in a row), trying again in {} ms: {}", failures,
                        retryPause, e.getMessage());
            }
        }
    }

    /** The source's consumer lag per partition (see {@link ResultSource#lag()}), for metrics. Thread-safe. */
    public List<PartitionLag> lag() {
        return source.lag();
    }

    /** Completes when the loop ends: normally after {@link #stop}, exceptionally on a fatal failure. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    @Override
    public synchronized void stop() {
        source.close();
        join(thread);
        synchronized (turn) {
            stopping = true;
            turn.notifyAll();
        }
        join(folder);
    }

    private static void join(Thread thread) {
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
