package io.steadfast.spi;

import io.steadfast.spi.event.GateEvent;
import io.steadfast.spi.event.ScoreEvent;
import java.util.concurrent.CompletableFuture;

/**
 * Where the engine announces what it decided: score changes and recorded gate decisions (DESIGN
 * §5: the {@code steadfast.scores} and {@code steadfast.gates} topics).
 *
 * <p><b>Role.</b> Announcements only: the store stays the record of scores and decisions. Delivery is
 * best effort: an implementation must not throw from {@link #scoreChanged} or {@link #gateRecorded}
 * (it logs a failure instead), so that an unreachable broker never fails an ingest or a gate. Events
 * of one service are delivered in the order they were announced.
 *
 * <p><b>Lifecycle.</b> Created once by the wiring ({@link #NONE} when no broker is configured);
 * {@link #close} delivers what is still pending, within a bounded time, and is idempotent.
 *
 * <p><b>Threading.</b> Implementations are thread-safe.
 */
public interface ScoreEventSink extends AutoCloseable {

    /** Announces nothing: the default without a broker. */
    ScoreEventSink NONE = new ScoreEventSink() {
        @Override
        public void scoreChanged(ScoreEvent event) {
        }

        @Override
        public void gateRecorded(GateEvent event) {
        }
    };

    /** A service's score or verdict changed; called after the change was stored. */
    void scoreChanged(ScoreEvent event);

    /**
     * Sends a score change taken from the store's outbox, carrying its stable {@code eventId} (the same
     * however often it is sent): the future completes once the broker acknowledged it, and fails when
     * it was not delivered (the caller sends it again later). Events sent one after the other are
     * delivered in that order. By default: {@link #scoreChanged}, taken as delivered.
     */
    default CompletableFuture<Void> deliverScoreChanged(String eventId, ScoreEvent event) {
        scoreChanged(event);
        return CompletableFuture.completedFuture(null);
    }

    /** A gate decision was recorded; called after it was stored. */
    void gateRecorded(GateEvent event);

    @Override
    default void close() {
    }
}
