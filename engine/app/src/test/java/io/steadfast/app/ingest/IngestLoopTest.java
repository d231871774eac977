package io.steadfast.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steadfast.spi.ResultSource;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When the ingest loop folds: after batches, paused while a backlog drains, again after a failure, and at the stop. */
class IngestLoopTest {

    /**
     * Until the first fold has taken in the first batch: should the fold thread's first timer go off
     * before that batch is handled, on a slow machine, a fold of nothing comes first and the backlog's
     * pause after it.
     */
    private static final Duration FIRST_FOLD = Duration.ofMillis(IngestLoop.BACKLOG_PAUSE_MS + 3_000);

    private final BatchSource source = new BatchSource();
    private final AtomicInteger handled = new AtomicInteger();
    private final AtomicInteger folds = new AtomicInteger();
    /** How many batches had been handled when each fold began, for the last fold. */
    private final AtomicInteger handledAtLastFold = new AtomicInteger(-1);
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final IngestLoop loop = new IngestLoop(source, batch -> {
        handled.incrementAndGet();
        return BatchOutcome.ALL_PROCESSED;
    }, () -> {
        handledAtLastFold.set(handled.get());
        if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("store down (simulated)");
        }
        return folds.incrementAndGet();
    });

    @AfterEach
    void stop() {
        loop.stop();
    }

    @Test
    void shouldFoldSoonAfterABatch() {
        loop.start();
        source.deliver();

        await().atMost(Duration.ofSeconds(2)).until(() -> handledAtLastFold.get() == 1 && folds.get() >= 1);
    }

    @Test
    void shouldPauseFoldsWhileABacklogDrainsAndResumeOnceItIsGone() {
        source.lag.set(IngestLoop.BACKLOG_RECORDS + 1);
        loop.start();
        source.deliver();
        await().atMost(FIRST_FOLD).until(() -> handledAtLastFold.get() == 1);
        int before = folds.get();

        source.deliver();
        source.deliver();
        await().atMost(Duration.ofSeconds(2)).until(() -> handled.get() == 3);
        sleep(IngestLoop.FOLD_INTERVAL_MS * 3);
        assertThat(folds.get()).as("folds while the backlog drains").isEqualTo(before);

        source.lag.set(0);
        await().atMost(Duration.ofMillis(IngestLoop.BACKLOG_PAUSE_MS / 2))
                .until(() -> handledAtLastFold.get() == 3 && folds.get() > before);
    }

    @Test
    void shouldTryAFailedFoldAgain() {
        failuresLeft.set(2);
        loop.start();
        source.deliver();

        await().atMost(Duration.ofSeconds(5)).until(() -> folds.get() >= 1);
        assertThat(failuresLeft.get()).isNegative();
    }

    @Test
    void shouldFoldWhatIsLeftWhenStopped() {
        source.lag.set(IngestLoop.BACKLOG_RECORDS + 1);
        loop.start();
        source.deliver();
        await().atMost(FIRST_FOLD).until(() -> handledAtLastFold.get() == 1);
        source.deliver();
        await().atMost(Duration.ofSeconds(2)).until(() -> handled.get() == 2);

        loop.stop();

        assertThat(handledAtLastFold.get()).as("batches handled before the last fold").isEqualTo(2);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Hands each delivered batch (of one record) to the handler, reporting the lag it is told. */
    private static final class BatchSource implements ResultSource {

        private static final List<RawRecord> BATCH =
                List.of(new RawRecord("steadfast.results", 0, 0, "svc", new byte[] {'{', '}'}, null));

        final AtomicLong lag = new AtomicLong();
        private final BlockingQueue<List<RawRecord>> batches = new LinkedBlockingQueue<>();
        private volatile boolean closed;

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
