package io.steadfast.app.ingest;

import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.spi.ResultSource;
import io.steadfast.spi.retry.Backoff;
import io.steadfast.spi.source.BatchHandler;
import io.steadfast.spi.source.PartitionLag;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
 * a backlog drains, one fold takes in all the batches stored since the last. A fold that failed for now
 * (a {@link io.steadfast.spi.errors.RetriableException}: the store out of reach) is tried again after
 * the {@link #RETRY} back-off; one that trying again will not cure by itself (any other exception) is
 * logged as an error and tried again at the longest pause, so that folding resumes once the cause is
 * fixed. {@link #stop} ends ingest first, then folds what is left. A fatal failure of the source ends
 * the loop; {@link #finished} completes with it.
 *
 * <p>Its pauses are judged by the clock given, so that a test can drive it with a fake one: the fold
 * thread looks at the clock at least every {@value #FOLD_INTERVAL_MS} ms while it waits.
 */
public final class IngestLoop implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    private static final long STOP_TIMEOUT_SECONDS = 60;
    static final long FOLD_INTERVAL_MS = 200;
    /** More records than this waiting on the results topic make a backlog: folds then wait {@link #BACKLOG_PAUSE_MS}. */
    static final long BACKLOG_RECORDS = 20_000;
    static final long BACKLOG_PAUSE_MS = 5_000;
    /** A fold that failed for now is tried again after a pause from 0.4 s, doubling with each failure in a row, up to 5 s. */
    static final Backoff RETRY = Backoff.exponential(Duration.ofMillis(2 * FOLD_INTERVAL_MS), Duration.ofSeconds(5));

    private final ResultSource source;
    private final BatchHandler handler;
    private final LongSupplier fold;
    private final Clock clock;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final Object turn = new Object();
    private boolean stored;
    private boolean stopping;
    private Thread thread;
    private Thread folder;

    /**
     * @param fold  folds stored results, records the scores they move and returns how many it folded ({@code Engine::fold})
     * @param clock judges the pauses between folds
     */
    public IngestLoop(ResultSource source, BatchHandler handler, LongSupplier fold, Clock clock) {
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
        this.clock = clock;
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
     * early once the backlog is gone. After a failure for now, the next fold waits out its retry pause;
     * after any other, the longest pause: the fold is idempotent and must resume by itself once the
     * cause is fixed (a table restored), while readiness reports it down.
     */
    private void foldUntilStopped() {
        Backoff.Failures failures = RETRY.failures();
        long retryPause = 0;
        boolean draining = false;
        boolean last = false;
        while (!last) {
            synchronized (turn) {
                long wait = retryPause > 0 ? retryPause : draining ? BACKLOG_PAUSE_MS : FOLD_INTERVAL_MS;
                long from = clock.millis();
                long until = from + wait;
                while (!stopping && passed(from, until) < 0
                        && !(retryPause == 0 && stored && (!draining || backlog() <= BACKLOG_RECORDS))) {
                    try {
                        turn.wait(Math.max(1, Math.min(-passed(from, until), FOLD_INTERVAL_MS)));
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
                failures.succeeded();
            } catch (RuntimeException e) {
                Optional<Duration> pause = failures.failed(e);
                if (pause.isPresent()) {
                    retryPause = Math.max(1, pause.get().toMillis());
                    LOG.warn("folding stored results failed (failure {} in a row), trying again in {} ms: {}",
                            failures.count(), retryPause, e.getMessage());
                } else {
                    retryPause = RETRY.max().toMillis();
                    LOG.error("folding stored results failed (failure {} in a row), and trying again will not help"
                            + " until the cause is fixed; the fold is reported down and tried again every {} ms: {}",
                            failures.count(), retryPause, e.getMessage());
                }
            }
        }
    }

    /**
     * How far the clock is past {@code until} (negative before it), for a pause begun at {@code from}:
     * past it, too, when the clock went back before {@code from}, so that a clock set back ends the
     * pause instead of stretching it.
     */
    private long passed(long from, long until) {
        long now = clock.millis();
        return now < from ? 0 : now - until;
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
