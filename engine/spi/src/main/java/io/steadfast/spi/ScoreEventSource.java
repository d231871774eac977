package io.steadfast.spi;

import java.util.function.Consumer;

/**
 * The score changes every engine announces (the counterpart of {@link ScoreEventSink}: on Kafka, the
 * {@code steadfast.scores} topic), followed by one engine so that it can drop what it cached about a
 * service another engine changed.
 *
 * <p><b>Role.</b> {@link #run} reads the announcements made from the moment it starts (never the
 * past: a cache filled later reads the store anyway) and hands the id of each announced service to
 * the listener, as soon as it arrives. Every engine reads all of them with a reader of its own, not a
 * share of them as a member of a group.
 *
 * <p><b>Lifecycle.</b> Created by a {@link ScoreEventSourceProvider}; {@link #run} is called once, on
 * a thread of the caller's choosing, and blocks until {@link #close}, which may be called from any
 * thread and is idempotent.
 *
 * <p><b>Threading.</b> The listener is called on the thread that called {@code run}.
 */
public interface ScoreEventSource extends AutoCloseable {

    /**
     * Follows the announcements until closed.
     *
     * @param started  called once, when announcements made from then on will be seen
     * @param services called with the service id of each announcement
     * @throws io.steadfast.spi.errors.SteadfastException when the source fails fatally
     */
    void run(Runnable started, Consumer<String> services);

    /** Stops {@link #run} and releases the source's resources. Idempotent, thread-safe. */
    @Override
    void close();
}
