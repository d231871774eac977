package io.steadfast.app.ingest;

import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.spi.ResultSource;
import io.steadfast.spi.source.BatchHandler;
import io.steadfast.spi.source.PartitionLag;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ResultSource} with the ingest handler on a thread of its own
 * ({@code steadfast-ingest}) from {@link #start} until {@link #stop}. A fatal failure of the source
 * ends the loop; {@link #finished} completes with it.
 */
public final class IngestLoop implements Lifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(IngestLoop.class);
    private static final long STOP_TIMEOUT_SECONDS = 60;

    private final ResultSource source;
    private final BatchHandler handler;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private Thread thread;

    public IngestLoop(ResultSource source, BatchHandler handler) {
        this.source = source;
        this.handler = handler;
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
        thread.start();
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
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(STOP_TIMEOUT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
