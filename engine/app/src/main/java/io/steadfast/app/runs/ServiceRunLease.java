package io.steadfast.app.runs;

import io.steadfast.runner.HaltSignal;
import io.steadfast.runner.PlannedTest;
import io.steadfast.runner.Runner;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.store.RunLease;
import io.steadfast.store.RunLeases;
import io.steadfast.store.StoreException;
import io.steadfast.store.StoreUnavailableException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mechanism that keeps a service to one run at a time (DESIGN §8), among the processes of one
 * machine and the engines of many: the service's {@linkplain RunLeases run lease} in the store, held
 * for the whole run.
 *
 * <p>{@link #acquire} takes the lease or refuses the run; a daemon thread (or the {@link Renewals} given)
 * renews it every third of its ttl, expiry judged by the clock given; {@link #close} stops renewing and
 * releases it. If a renewal finds the lease gone (another engine took it after it expired) or the last
 * renewal's expiry passes without a new one (the store is out of reach), {@link #lost()} turns true:
 * the runner, which asks it at every probe, reverts the active fault and stops. A holder that dies
 * stops renewing, and its lease is free once it expires.
 *
 * <p>The ttl must outlast any fault the holder may leave behind if it dies: see {@link #ttlFor}.
 */
public final class ServiceRunLease implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRunLease.class);
    /** The shortest lease: long enough to ride out a brief store outage between renewals. */
    public static final Duration MIN_TTL = Duration.ofSeconds(30);

    private final RunLeases leases;
    private final Duration ttl;
    private final Clock clock;
    /** Stops the renewals. */
    private final Runnable stopRenewals;
    private volatile RunLease lease;
    private volatile boolean lost;

    private ServiceRunLease(RunLeases leases, RunLease lease, Duration ttl, Clock clock, Renewals renewals) {
        this.leases = leases;
        this.lease = lease;
        this.ttl = ttl;
        this.clock = clock;
        this.stopRenewals = renewals.every(Duration.ofMillis(Math.max(1, ttl.toMillis() / 3)), this::renew);
    }

    /**
     * How the renewals are scheduled: on a daemon thread of the lease's own ({@link Renewals#thread}), or by the
     * hand of a test that drives a fake clock.
     */
    @FunctionalInterface
    public interface Renewals {

        /**
         * Runs {@code renew} every {@code period}, the first time one period from now, until the returned
         * handle is run; that handle returns once no renewal is under way.
         */
        Runnable every(Duration period, Runnable renew);

        /** A daemon thread named for the service, sleeping between renewals. */
        static Renewals thread(String service) {
            return (period, renew) -> {
                ScheduledExecutorService renewer = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread thread = new Thread(r, "steadfast-lease-" + service);
                    thread.setDaemon(true);
                    return thread;
                });
                renewer.scheduleWithFixedDelay(renew, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
                return () -> {
                    renewer.shutdownNow();
                    try {
                        renewer.awaitTermination(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                };
            };
        }
    }

    /**
     * Takes the service's run lease for {@code holder} and keeps it renewed.
     *
     * @throws SteadfastException when another run holds it
     */
    public static ServiceRunLease acquire(RunLeases leases, String service, String holder, Duration ttl, Clock clock) {
        return acquire(leases, service, holder, ttl, clock, Renewals.thread(service));
    }

    /**
     * Takes the service's run lease for {@code holder} and keeps it renewed by {@code renewals}, judging
     * expiry by {@code clock}.
     *
     * @throws SteadfastException when another run holds it
     */
    public static ServiceRunLease acquire(RunLeases leases, String service, String holder, Duration ttl, Clock clock,
                                          Renewals renewals) {
        Optional<RunLease> taken = leases.acquire(service, holder, ttl, clock.instant());
        if (taken.isEmpty()) {
            String by = leases.current(service).map(l -> "'" + l.holder() + "' until " + l.expiresAt())
                    .orElse("another run");
            throw new SteadfastException("service '" + service + "' must have one run at a time, but its run lease"
                    + " is held by " + by);
        }
        return new ServiceRunLease(leases, taken.get(), ttl, clock, renewals);
    }

    /**
     * The ttl for a run of {@code plan}: its longest fault lease (stage plus the runner's margin) plus
     * {@link #MIN_TTL}, so that a dead holder's lease outlives the faults that revert by themselves
     * when their own lease runs out (the proxy's, the stress processes').
     */
    public static Duration ttlFor(List<PlannedTest> plan) {
        Duration longestStage = plan.stream().map(PlannedTest::stageDuration).max(Comparator.naturalOrder())
                .orElse(Duration.ZERO);
        return longestStage.plus(Runner.Settings.DEFAULTS.leaseMargin()).plus(MIN_TTL);
    }

    /** A holder id unique to one run: host, process id, run id. */
    public static String holder(String runId) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + runId;
    }

    public RunLease lease() {
        return lease;
    }

    /** True once the lease can no longer be proven held: the run must stop attacking. */
    public HaltSignal lost() {
        return () -> lost || lease.expiredAt(clock.instant());
    }

    private void renew() {
        if (lost) {
            return;
        }
        Instant now = clock.instant();
        try {
            Optional<RunLease> renewed = leases.renew(lease, ttl, now);
            if (renewed.isPresent()) {
                lease = renewed.get();
            } else {
                lost = true;
                LOG.error("run lease of service '{}' lost (held by '{}', expired {}): the run stops",
                        lease.service(), lease.holder(), lease.expiresAt());
            }
        } catch (StoreException | StoreUnavailableException e) {
            LOG.warn("run lease of service '{}' not renewed, it expires at {}: {}", lease.service(),
                    lease.expiresAt(), e.getMessage());
        }
    }

    /** Stops renewing and releases the lease (a no-op if it was lost). */
    @Override
    public void close() {
        stopRenewals.run();
        leases.release(lease);
    }
}
