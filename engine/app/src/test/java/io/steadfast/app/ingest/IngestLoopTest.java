package io.steadfast.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steadfast.testing.FakeClock;
import io.steadfast.spi.ResultSource;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.retry.Backoff;
import io.steadfast.spi.source.BatchHandler;
import io.steadfast.spi.source.BatchOutcome;
import io.steadfast.spi.source.PartitionLag;
import io.steadfast.spi.source.RawRecord;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When the ingest loop folds: after batches, at an interval, paused while a backlog drains, again after a
 * failure (soon after one for now, after the longest pause after any other), and at the stop. On a fake clock: a pause ends when the
 * test moves the clock past it.
 */
class IngestLoopTest {

    private static final Duration SOON = Duration.ofSeconds(2);
    /** Long enough for the fold thread to look at the clock again (it does every fold interval). */
    private static final Duration A_WHILE = Duration.ofMillis(IngestLoop.FOLD_INTERVAL_MS * 2);

    private final FakeClock clock = new FakeClock();
    private final BatchSource source = new BatchSource();
    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger attempts = new AtomicInteger();
    private final AtomicInteger folds = new AtomicInteger();
    /** How many batches had been handled when each fold began, for the last fold. */
    private final AtomicInteger handledAtLastFold = new AtomicInteger(-1);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final AtomicReference<RuntimeException> failure =
            new AtomicReference<>(new RetriableException("store down (simulated)"));
    private final IngestLoop loop = new IngestLoop(source, batch -> {
        handled.incrementAndGet();
        return BatchOutcome.ALL_PROCESSED;
    }, () -> {
        attempts.incrementAndGet();
        handledAtLastFold.set(handled.get());
        if (failuresLeft.getAndDecrement() > 0) {
            throw failure.get();
        }
        return folds.incrementAndGet();
    }, clock);

    @AfterEach
    void stop() {
        loop.stop();
    }

    @Test
    void shouldFoldSoonAfterABatch() {
        loop.start();
        source.deliver();

        await().atMost(SOON).until(() -> handledAtLastFold.get() == 1 && folds.get() == 1);
    }

    @Test
    void shouldFoldEveryIntervalWithoutABatch() {
        loop.start();
        await().during(A_WHILE).atMost(SOON).until(() -> attempts.get() == 0);
        clock.advance(Duration.ofMillis(IngestLoop.FOLD_INTERVAL_MS - 1));
        await().during(A_WHILE).atMost(SOON).until(() -> attempts.get() == 0);

        clock.advance(Duration.ofMillis(1));

        await().atMost(SOON).until(() -> folds.get() == 1);
    }

    @Test
    void shouldPauseFoldsWhileABacklogDrainsAndResumeOnceItIsGone() {
        source.lag.set(IngestLoop.BACKLOG_RECORDS + 1);
        loop.start();
        source.deliver();
        await().atMost(SOON).until(() -> handledAtLastFold.get() == 1);
        int before = folds.get();

        source.deliver();
        source.deliver();
        await().atMost(SOON).until(() -> handled.get() == 3);
        clock.advance(Duration.ofMillis(IngestLoop.BACKLOG_PAUSE_MS - 1));
        await().during(A_WHILE).atMost(SOON).until(() -> folds.get() == before);

        source.lag.set(0);
        await().atMost(SOON).until(() -> handledAtLastFold.get() == 3 && folds.get() > before);
    }

    @Test
    void shouldEndTheBacklogPauseAfterItsLength() {
        source.lag.set(IngestLoop.BACKLOG_RECORDS + 1);
        loop.start();
        source.deliver();
        await().atMost(SOON).until(() -> handledAtLastFold.get() == 1);
        source.deliver();
        await().during(A_WHILE).atMost(SOON).until(() -> handled.get() == 2 && handledAtLastFold.get() == 1);

        clock.advance(Duration.ofMillis(IngestLoop.BACKLOG_PAUSE_MS));

        await().atMost(SOON).until(() -> handledAtLastFold.get() == 2);
    }

    @Test
    void shouldTryAFoldThatFailedForNowAgainAfterAGrowingPause() {
        failuresLeft.set(2);
        loop.start();
        source.deliver();
        // each wait until the fold thread is in its pause, then the clock moves: the first pause is 400 ms,
        // the second 800 ms, each varied by up to the jitter
        await().during(A_WHILE).atMost(SOON).until(() -> attempts.get() == 1);
        clock.advance(shortest(1).minusMillis(1));
        await().during(A_WHILE).atMost(SOON).until(() -> attempts.get() == 1);
        clock.advance(longest(1).minus(shortest(1)).plusMillis(2));
        await().atMost(SOON).until(() -> attempts.get() == 2);
        await().during(A_WHILE).atMost(SOON).until(() -> attempts.get() == 2);
        clock.advance(shortest(2).minusMillis(1));
        await().during(A_WHILE).atMost(SOON).until(() -> attempts.get() == 2);
        clock.advance(longest(2).minus(shortest(2)).plusMillis(2));

        await().atMost(SOON).until(() -> folds.get() == 1);
        assertThat(attempts).hasValue(3);
        assertThat(loop.finished()).isNotDone();
    }

    @Test
    void shouldTryAFoldThatFailedForGoodAgainOnlyAfterTheLongestPause() {
        failuresLeft.set(1);
        failure.set(new IllegalStateException("table 'score_snapshots' must exist, but was not found (simulated)"));
        loop.start();
        source.deliver();
        await().during(A_WHILE).atMost(SOON).until(() -> attempts.get() == 1);

        clock.advance(IngestLoop.RETRY.max().minusMillis(1));
        await().during(A_WHILE).atMost(SOON).until(() -> attempts.get() == 1);
        clock.advance(Duration.ofMillis(1));

        await().atMost(SOON).until(() -> folds.get() == 1);
        assertThat(loop.finished()).as("the loop goes on").isNotDone();
    }

    @Test
    void shouldEndAPauseWhenTheClockIsSetBackRatherThanStretchIt() {
        failuresLeft.set(1);
        loop.start();
        source.deliver();
        await().during(A_WHILE).atMost(SOON).until(() -> attempts.get() == 1);

        clock.advance(Duration.ofHours(-1));

        await().atMost(SOON).until(() -> folds.get() == 1);
    }

    @Test
    void shouldFoldWhatIsLeftWhenStopped() {
        source.lag.set(IngestLoop.BACKLOG_RECORDS + 1);
        loop.start();
        source.deliver();
        await().atMost(SOON).until(() -> handledAtLastFold.get() == 1);
        source.deliver();
        await().atMost(SOON).until(() -> handled.get() == 2);

        loop.stop();

        assertThat(handledAtLastFold.get()).as("batches handled before the last fold").isEqualTo(2);
    }

    /** The shortest pause after the given failure in a row. */
    private static Duration shortest(int failures) {
        return Duration.ofMillis((long) Math.floor(IngestLoop.RETRY.nominal(failures).toMillis() * (1 - Backoff.JITTER)));
    }

    private static Duration longest(int failures) {
        return Duration.ofMillis((long) Math.ceil(IngestLoop.RETRY.nominal(failures).toMillis() * (1 + Backoff.JITTER)));
    }

    /** Hands each delivered batch (of one record) to the handler, reporting the lag it is told. */
    private static final class BatchSource implements ResultSource {

        private static final List<RawRecord> BATCH =
                List.of(new RawRecord("steadfast.results", 0, 0, "svc", new byte[] {'{', '}'}, null));

        final AtomicLong lag = new AtomicLong();
        private final BlockingQueue<List<RawRecord>> batches = new LinkedBlockingQueue<>();
        volatile boolean closed;

        void deliver() {
            batches.add(BATCH);
        }

        @Override
        public void run(BatchHandler handler) {
            try {
                while (!closed) {
                    List<RawRecord> batch = batches.poll(10, TimeUnit.MILLISECONDS);
                    if (batch != null) {
                        handler.handle(batch);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public List<PartitionLag> lag() {
            return List.of(new PartitionLag("steadfast.results", 0, lag.get()));
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
