package io.steadfast.store;

import io.steadfast.gate.GateDecision;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The history the store keeps: each service's score snapshots, the announcements of them waiting in
 * the outbox, and the gate decisions recorded for audit. Thread-safe.
 */
public interface HistoryStore {

    /**
     * Records a snapshot when its rounded score or verdict differs from the service's last one.
     * Two processes recording the same change at the same moment may both write it.
     *
     * @return whether it was written
     */
    boolean recordSnapshot(ScoreSnapshot snapshot);

    /**
     * {@link #recordSnapshot} for several services, in one transaction.
     *
     * @return the snapshots written, in the given order
     */
    default List<ScoreSnapshot> recordSnapshots(List<ScoreSnapshot> snapshots) {
        return recordSnapshots(snapshots, null, null);
    }

    /**
     * {@link #recordSnapshots(List)}, writing beside each snapshot written its announcement (the JSON
     * {@code announcement} gives, under a new stable event id) to the outbox ({@link #outbox}), in the
     * same transaction. {@code announcement} null: none.
     *
     * @return the snapshots written, in the given order
     */
    List<ScoreSnapshot> recordSnapshots(List<ScoreSnapshot> snapshots, Function<ScoreSnapshot, String> announcement,
                                        Instant now);

    /** The first {@code limit} announcements waiting in the outbox, in the order they were written. */
    List<OutboxEntry> outbox(int limit);

    /** How many announcements wait in the outbox. */
    long outboxSize();

    /** Deletes announcements from the outbox (sent and acknowledged). */
    void deleteFromOutbox(Collection<Long> ids);

    /**
     * The snapshots of many services since {@code from} (each with its last one at or before it, the
     * score then), oldest first, read in one transaction; a service without any has an empty list.
     */
    Map<String, List<ScoreSnapshot>> histories(List<String> services, Instant from);

    /** The service's snapshots, oldest first. */
    List<ScoreSnapshot> history(String service);

    /**
     * A window of the service's snapshots, oldest first: with {@code from}, the last one at or before
     * it (the score at that instant) and every later one; with {@code to}, none after it; with a
     * {@code limit} above 0, only the latest {@code limit} of those. Either instant may be null.
     */
    List<ScoreSnapshot> history(String service, Instant from, Instant to, int limit);

    /** Records a gate decision with its full JSON, for audit; returns its id. */
    long recordGateDecision(GateDecision decision);

    /** The service's recorded gate decisions, oldest first. */
    List<GateDecision> gateDecisions(String service);
}
