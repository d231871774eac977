package io.steadfast.store;

import java.time.Instant;
import java.util.Objects;

/**
 * A service's run lease as stored: who may attack the service, and until when.
 *
 * @param service    the service's id
 * @param holder     the run holding it (unique per run: host, process and run id)
 * @param acquiredAt when the holder took it
 * @param expiresAt  when it becomes free unless renewed
 */
public record RunLease(String service, String holder, Instant acquiredAt, Instant expiresAt) {

    public RunLease {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(acquiredAt, "acquiredAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
