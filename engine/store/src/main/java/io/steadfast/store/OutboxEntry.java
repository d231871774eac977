package io.steadfast.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A score announcement waiting in the store's outbox (see {@link Store#outbox}): written in the
 * transaction that recorded its snapshot, sent after commit, deleted once the broker acknowledged it.
 *
 * @param id        its place in the outbox: announcements are sent in this order
 * @param service   the service whose score changed
 * @param eventId   the event's stable id, the same every time it is sent
 * @param payload   the score event as JSON
 * @param createdAt when it was written
 */
public record OutboxEntry(long id, String service, String eventId, String payload, Instant createdAt) {

    public OutboxEntry {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(payload, "payload");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
