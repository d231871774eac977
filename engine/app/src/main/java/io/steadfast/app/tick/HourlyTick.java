package io.steadfast.app.tick;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.steadfast.app.Engine;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.store.RunLease;
import io.steadfast.store.RunLeases;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hourly tick of {@code serve} (DESIGN §4): rescores every service ({@link Engine#rescoreAll}) at
 * start and at least once an hour, so that a score that moves with time alone (decay, expiry, a waiver
 * running out) is recorded in the history and announced on {@code steadfast.scores} like one moved by
 * a result.
 *
 * <p>One engine of the many sharing a store ticks: a tick first takes the store lease
 * {@value #LEASE} (a row of the run leases, under a key no service id can take) for the hour less one
 * check, and keeps it, so that the other engines skip until it expires. Every engine checks every
 * {@code checkEvery} (a minute by default), so whichever engine checks first after the lease expired
 * ticks next: the ticks go on when the engine that held it stops. A start within the hour of another
 * engine's tick (or of this process's predecessor's) therefore does not tick again: the one before
 * recorded what time had changed, and the next comes within the hour. A failed tick frees the lease,
 * so the next check tries again.
 *
 * <p>Counted in the registry: {@code steadfast.tick.runs} (ticks done), {@code steadfast.tick.snapshots}
 * (snapshots they recorded), {@code steadfast.tick.skipped} (checks that found another tick's lease)
 * and {@code steadfast.tick.failures}.
 *
 * <p><b>Threading:</b> the checks run on the scheduler given (one thread is enough); {@link #tickIfDue}
 * may be called from any thread. Time comes from the clock given, expiry of the lease included.
 */
public final class HourlyTick implements Lifecycle {

    /** The lease's key: not a slug, so never a service's id. */
    public static final String LEASE = "steadfast:hourly-tick";
    public static final Duration EVERY = Duration.ofHours(1);
    public static final Duration CHECK_EVERY = Duration.ofMinutes(1);

    private static final Logger LOG = LoggerFactory.getLogger(HourlyTick.class);

    private final Engine engine;
    private final RunLeases leases;
    private final Clock clock;
    private final ScheduledExecutorService scheduler;
    private final Duration checkEvery;
    private final Duration leaseFor;
    private final String holder;
    private final Counter runs;
    private final Counter snapshots;
    private final Counter skipped;
    private final Counter failures;
    private boolean started;

    /**
     * @param every      the longest time between two ticks, among all the engines
     * @param checkEvery how often this engine looks whether a tick is due; less than {@code every}
     */
    public HourlyTick(Engine engine, Clock clock, ScheduledExecutorService scheduler, MeterRegistry registry,
                      Duration every, Duration checkEvery) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.leases = engine.store().runLeases();
        this.clock = Objects.requireNonNull(clock, "clock");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        if (checkEvery.isNegative() || checkEvery.isZero() || checkEvery.compareTo(every) >= 0) {
            throw new IllegalArgumentException("tick checkEvery must be > 0 and < every (" + every + "), but was "
                    + checkEvery);
        }
        this.checkEvery = checkEvery;
        this.leaseFor = every.minus(checkEvery);
        this.holder = "tick-" + ProcessHandle.current().pid() + "-" + UUID.randomUUID();
        this.runs = Counter.builder("steadfast.tick.runs").description("hourly ticks done: every service rescored")
                .register(registry);
        this.snapshots = Counter.builder("steadfast.tick.snapshots")
                .description("score snapshots recorded and announced by the hourly tick").register(registry);
        this.skipped = Counter.builder("steadfast.tick.skipped")
                .description("tick checks that found the tick done within the hour (by any engine)").register(registry);
        this.failures = Counter.builder("steadfast.tick.failures").description("hourly ticks that failed")
                .register(registry);
    }

    /** With the hourly period and a check a minute. */
    public HourlyTick(Engine engine, Clock clock, ScheduledExecutorService scheduler, MeterRegistry registry) {
        this(engine, clock, scheduler, registry, EVERY, CHECK_EVERY);
    }

    @Override
    public String name() {
        return "hourly tick";
    }

    /** Checks now (the tick at start) and then every {@code checkEvery}. */
    @Override
    public synchronized void start() {
        if (started) {
            return;
        }
        started = true;
        scheduler.scheduleWithFixedDelay(this::check, 0, checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void check() {
        try {
            tickIfDue();
        } catch (RuntimeException e) {
            // logged and counted by tickIfDue; the scheduler would stop checking on a thrown exception
        }
    }

    /**
     * Ticks when no engine ticked within the hour: takes the lease and rescores every service.
     *
     * @return the snapshots recorded, or empty when another tick's lease is in force
     * @throws RuntimeException what the rescore threw (the lease is then freed again)
     */
    public OptionalInt tickIfDue() {
        Optional<RunLease> lease;
        try {
            lease = leases.acquire(LEASE, holder, leaseFor, clock.instant());
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warn("hourly tick could not take its lease, trying again in {}: {}", checkEvery, e.getMessage(), e);
            throw e;
        }
        if (lease.isEmpty()) {
            skipped.increment();
            return OptionalInt.empty();
        }
        try {
            int recorded = engine.rescoreAll();
            runs.increment();
            snapshots.increment(recorded);
            LOG.info("hourly tick: every service rescored, {} changed score(s) recorded", recorded);
            return OptionalInt.of(recorded);
        } catch (RuntimeException e) {
            failures.increment();
            LOG.warn("hourly tick failed, trying again in {}: {}", checkEvery, e.getMessage(), e);
            try {
                leases.release(lease.get());
            } catch (RuntimeException released) {
                e.addSuppressed(released);
            }
            throw e;
        }
    }

    /** Checks no more; a tick under way finishes first (for up to 30 s, then it is interrupted). */
    @Override
    public synchronized void stop() {
        scheduler.shutdown();
        try {
            if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("hourly tick still running after 30 s, interrupting it");
                scheduler.shutdownNow();
            }
        } catch (InterruptedException e) {
            scheduler.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
