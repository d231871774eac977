package io.steadfast.store;

import io.steadfast.store.internal.Database;
import io.steadfast.store.internal.LeaseDao;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * Per-service run leases in the store (DESIGN §8: one fault at a time per service, among every engine
 * sharing the database). A run {@linkplain #acquire acquires} its service's lease before its first
 * fault, {@linkplain #renew renews} it while it goes, and {@linkplain #release releases} it at the end;
 * a lease whose holder died is free again once it expires. Expiry is judged by the caller's
 * {@code now}, so engines sharing a store need clocks that agree to well within a lease.
 *
 * <p><b>Threading:</b> thread-safe; each call is one transaction. Get it from {@link Store#runLeases()}.
 */
public final class RunLeases {

    private final Database db;
    private final LeaseDao dao = new LeaseDao();

    RunLeases(Database db) {
        this.db = db;
    }

    /**
     * Takes the service's lease for {@code holder} until {@code now + ttl}, when it is free: never taken,
     * released, or expired.
     *
     * @return the lease taken, or empty when another holder's lease is still in force (see {@link #current})
     */
    public Optional<RunLease> acquire(String service, String holder, Duration ttl, Instant now) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(holder, "holder");
        requirePositive(ttl);
        Instant at = micros(now);
        return db.inTransaction("acquiring the run lease of service '" + service + "'", true,
                c -> dao.acquire(c, service, holder, at, at.plus(micros(ttl))));
    }

    /**
     * Extends the holder's lease to {@code now + ttl}, if it still holds it and it has not expired.
     *
     * @return the renewed lease, or empty when the lease was lost: the run must stop attacking now
     */
    public Optional<RunLease> renew(RunLease lease, Duration ttl, Instant now) {
        requirePositive(ttl);
        Instant at = micros(now);
        return db.inTransaction("renewing the run lease of service '" + lease.service() + "'",
                c -> dao.renew(c, lease, at, at.plus(micros(ttl))));
    }

    /** Frees the lease if this holder still holds it; a no-op otherwise. */
    public void release(RunLease lease) {
        db.inTransaction("releasing the run lease of service '" + lease.service() + "'", c -> {
            dao.release(c, lease);
            return null;
        });
    }

    /** The service's lease row, expired or not, when there is one. */
    public Optional<RunLease> current(String service) {
        return db.inTransaction("reading the run lease of service '" + service + "'", c -> dao.current(c, service));
    }

    /** The stored precision, so that a lease returned equals the lease read back. */
    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    private static Duration micros(Duration duration) {
        return duration.truncatedTo(ChronoUnit.MICROS);
    }

    private static void requirePositive(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("run lease ttl must be > 0, but was " + ttl);
        }
    }
}
