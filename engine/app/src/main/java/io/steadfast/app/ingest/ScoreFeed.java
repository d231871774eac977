package io.steadfast.app.ingest;

import io.steadfast.app.Engine;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.spi.ScoreEventSource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this engine's cached scoring inputs current while other engines ingest into the same store:
 * follows every engine's score announcements ({@link ScoreEventSource}, {@code steadfast.scores}) on a
 * thread of its own ({@code steadfast-score-feed}) and drops the cached inputs of each service
 * announced. {@link #start} returns once announcements made from then on will be seen.
 *
 * <p>A failure of the source ends the feed and is logged; the engine goes on, its cache bounded by
 * the inputs' one-second expiry alone.
 */
public final class ScoreFeed implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(ScoreFeed.class);
    private static final long START_TIMEOUT_SECONDS = 60;

    private final ScoreEventSource source;
    private final Engine engine;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private Thread thread;

    public ScoreFeed(ScoreEventSource source, Engine engine) {
        this.source = source;
        this.engine = engine;
    }

    @Override
    public String name() {
        return "score feed";
    }

    @Override
    public synchronized void start() {
        if (thread != null) {
            return;
        }
        CountDownLatch started = new CountDownLatch(1);
        thread = new Thread(() -> {
            try {
                source.run(started::countDown, engine::invalidate);
                finished.complete(null);
            } catch (Throwable e) {
                LOG.error("score feed stopped, cached inputs now expire after one second only: {}", e.getMessage(), e);
                finished.completeExceptionally(e);
            } finally {
                started.countDown();
            }
        }, "steadfast-score-feed");
        thread.setDaemon(true);
        thread.start();
        try {
            if (!started.await(START_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                LOG.warn("score feed not following yet after {} s", START_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Completes when the feed ends: normally after {@link #stop}, exceptionally on a failure. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    @Override
    public synchronized void stop() {
        source.close();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
