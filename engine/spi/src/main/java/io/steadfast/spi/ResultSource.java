package io.steadfast.spi;

import io.steadfast.spi.source.BatchHandler;
import io.steadfast.spi.source.PartitionLag;
import java.util.List;

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
 * {@code run} return once the batch in hand is handled and committed, and is idempotent.
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

    /**
     * The consumer lag of each partition this source reads now, by topic and partition, as of its last
     * poll: what a metrics endpoint publishes (a gauge per partition). Empty before the first poll, after
     * close, and for sources without partitions (the default). Thread-safe and cheap: it reads a value
     * the consuming thread keeps, never the broker.
     */
    default List<PartitionLag> lag() {
        return List.of();
    }

    /** Stops {@link #run} and releases the source's resources. Idempotent, thread-safe. */
    @Override
    void close();
}
