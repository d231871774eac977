package io.steadfast.spi;

import io.steadfast.spi.source.BatchHandler;

/**
 * Where test results come from: a stream of raw result records (a Kafka topic, for one), consumed
 * in batches with at-least-once delivery.
 *
 * <p><b>Role.</b> {@link #run} consumes until {@link #close} is called, handing each batch to the
 * handler and committing the batch's position only after the handler returned and the records it
 * rejected were durably dead-lettered. A batch the handler failed with
 * {@link io.steadfast.spi.errors.RetriableException} is not committed: consumption pauses for a
 * back-off (growing while the failure lasts) and the same records are handed over again.
 *
 * <p><b>Lifecycle.</b> Created by a {@link ResultSourceProvider}; {@link #run} is called once, on
 * a thread of the caller's choosing, and blocks; {@link #close} may be called from any thread, makes
 * {@code run} return after the batch in hand (uncommitted if unfinished), and is idempotent.
 *
 * <p><b>Threading.</b> Only {@link #close} is thread-safe; the handler is called on the thread that
 * called {@code run}.
 */
public interface ResultSource extends AutoCloseable {

    /**
     * Consumes until closed.
     *
     * @throws io.steadfast.spi.errors.SteadfastException when the handler or the source fails fatally
     */
    void run(BatchHandler handler);

    /** Stops {@link #run} and releases the source's resources. Idempotent, thread-safe. */
    @Override
    void close();
}
