package io.steadfast.app.runs;

import io.steadfast.store.Store;
import java.time.Clock;
import java.time.Duration;

/**
 * Run in a JVM of its own by {@link ServiceRunLeaseIntegrationTest}: takes a service's run lease, prints
 * {@code held until <expiry>}, and keeps it renewed until killed.
 *
 * <p>Arguments: JDBC URL, user, password ({@code -} for none), service, ttl in milliseconds.
 */
public final class LeaseHolderProcess {

    public static void main(String[] args) throws InterruptedException {
        Store store = Store.open(args[0], dash(args[1]), dash(args[2]));
        ServiceRunLease lease = ServiceRunLease.acquire(store.runLeases(), args[3],
                ServiceRunLease.holder("lease-holder"), Duration.ofMillis(Long.parseLong(args[4])), Clock.systemUTC());
        System.out.println("held until " + lease.lease().expiresAt());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static String dash(String value) {
        return value.equals("-") ? null : value;
    }
}
