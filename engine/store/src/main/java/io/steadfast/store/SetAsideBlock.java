package io.steadfast.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A block of one service's results that the fold could not take in and set aside (see
 * {@link Store#foldPending}): its results are stored but do not count until it is replayed
 * ({@link Store#replaySetAside}).
 *
 * @param block      the block's number in the result log; the id to replay it by
 * @param service    the service whose results it holds
 * @param results    how many results it holds
 * @param receivedAt when its results were received
 * @param reason     why the fold failed on it
 * @param setAsideAt when the fold set it aside
 */
public record SetAsideBlock(long block, String service, int results, Instant receivedAt, String reason,
                            Instant setAsideAt) {

    public SetAsideBlock {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(reason, "reason");
    }
}
