package io.steadfast.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.steadfast.json.Json;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.spi.event.ScoreEvent;
import io.steadfast.spi.retry.Backoff;
import io.steadfast.store.OutboxEntry;
import io.steadfast.store.RunLease;
import io.steadfast.store.Store;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the score announcements of the store's outbox ({@link Store#outbox}) after the transactions
 * that wrote them committed: in the order they were written (so in order per service), each with its
 * stable event id, deleting each only once the broker acknowledged it. While the broker or the store is
 * down it tries again with the {@link #BACKOFF} (0.2 s doubling up to 10 s, with jitter); nothing that
 * writes to the outbox waits for it. A failure that trying again will not cure by itself (anything but a
 * {@link io.steadfast.spi.errors.RetriableException}) is logged as an error and tried again at the
 * longest pause, so that sending resumes once the cause is fixed; what is not sent stays in the outbox. Among every engine sharing the store one
 * publisher drains at a time: the holder of the run lease {@value #LEASE}.
 *
 * <p>One thread, started by the first {@link #wake} and every second looking for what other processes
 * wrote. {@link #close} stops it and sends what is left.
 * Thread-safe.
 */
public final class OutboxPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxPublisher.class);
    /** The run lease the draining publisher holds (not a service id: those have no '#'). */
    static final String LEASE = "#outbox";
    static final Duration LEASE_TTL = Duration.ofSeconds(30);
    static final Backoff BACKOFF = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10));
    static final long POLL_MILLIS = 1_000;
    private static final int BATCH = 500;
    /** How long a batch may wait for its acknowledgements: well within the lease. */
    private static final long ACK_TIMEOUT_SECONDS = 15;

    private final Store store;
    private final ScoreEventSink sink;
    private final Clock clock;
    private final String holder = "outbox-" + UUID.randomUUID();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition signal = lock.newCondition();
    private boolean woken;
    private boolean closed;
    private Thread thread;
    private RunLease lease;
    /** Whether the thread's last drain sent everything: when not, close does not wait on the broker again. */
    private volatile boolean delivering = true;
    /** Sends not yet deleted from the outbox, by entry id (the publisher's thread, or close's after it). */
    private final Map<Long, CompletableFuture<Void>> inFlight = new HashMap<>();

    public OutboxPublisher(Store store, ScoreEventSink sink, Clock clock) {
        this.store = store;
        this.sink = sink;
        this.clock = clock;
    }

    /** Whether announcements go anywhere: without a broker nothing is written to the outbox. */
    public boolean announces() {
        return sink != ScoreEventSink.NONE;
    }

    /** Something was written to the outbox: sends it soon (starts the publisher on first use). Never blocks on the broker. */
    public void wake() {
        if (!announces()) {
            return;
        }
        lock.lock();
        try {
            if (closed) {
                return;
            }
            if (thread == null) {
                thread = new Thread(this::run, "steadfast-outbox");
                thread.setDaemon(true);
                thread.start();
            }
            woken = true;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void run() {
        Backoff.Failures failures = BACKOFF.failures();
        while (!isClosed()) {
            boolean backingOff;
            long pause;
            try {
                delivering = drain();
                backingOff = !delivering;
                if (delivering) {
                    failures.succeeded();
                    pause = POLL_MILLIS;
                } else {
                    pause = failures.unacknowledged().toMillis();
                }
            } catch (RuntimeException e) {
                delivering = false;
                Optional<Duration> retry = failures.failed(e);
                backingOff = true;
                if (retry.isPresent()) {
                    pause = retry.get().toMillis();
                    LOG.warn("the score announcements of the outbox were not sent (trying again in {} ms): {}",
                            pause, e.getMessage());
                } else {
                    pause = BACKOFF.max().toMillis();
                    LOG.error("the score announcements of the outbox were not sent, and trying again will not help"
                            + " until the cause is fixed (trying again every {} ms): {}", pause, e.getMessage());
                }
            }
            await(pause, backingOff);
        }
    }

    private boolean isClosed() {
        lock.lock();
        try {
            return closed;
        } finally {
            lock.unlock();
        }
    }

    /** Waits until woken (or closed), at most {@code millis}; a wake during a back-off does not cut it short. */
    private void await(long millis, boolean backingOff) {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!closed && (backingOff || !woken) && nanos > 0) {
                nanos = signal.awaitNanos(nanos);
            }
            woken = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Sends what the outbox holds, batch after batch, on the caller's thread, while this publisher holds
     * the lease (taking it when free). The publisher's thread calls it; so may a caller that never woke it.
     *
     * @return true when it sent everything (or another publisher holds the lease), false when a send failed
     */
    public boolean drain() {
        while (true) {
            if (!holdLease()) {
                return true;
            }
            List<OutboxEntry> batch = store.outbox(BATCH);
            if (batch.isEmpty()) {
                return true;
            }
            // the first one alone, then the rest: while the broker is down one send waits for it, not the batch
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            sent.add(send(batch.get(0)));
            if (delivered(sent.get(0))) {
                for (OutboxEntry entry : batch.subList(1, batch.size())) {
                    if (sent.get(sent.size() - 1).isCompletedExceptionally()) {
                        break;
                    }
                    sent.add(send(entry));
                }
            }
            List<Long> acknowledged = new ArrayList<>();
            String failure = null;
            for (int i = 0; i < sent.size() && failure == null; i++) {
                try {
                    sent.get(i).get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    acknowledged.add(batch.get(i).id());
                } catch (ExecutionException e) {
                    failure = String.valueOf((e.getCause() == null ? e : e.getCause()).getMessage());
                } catch (TimeoutException e) {
                    failure = "no acknowledgement within " + ACK_TIMEOUT_SECONDS + "s";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    failure = "interrupted";
                }
            }
            // only the acknowledged ones, a prefix: what follows a failure is sent again, after it
            store.deleteFromOutbox(acknowledged);
            acknowledged.forEach(inFlight::remove);
            if (failure == null && acknowledged.size() < batch.size()) {
                failure = "a send before it failed";
            }
            if (failure != null) {
                LOG.warn("score event {} of service '{}' was not delivered; {} announcement(s) wait in the outbox: {}",
                        batch.get(acknowledged.size()).eventId(), batch.get(acknowledged.size()).service(),
                        batch.size() - acknowledged.size(), failure);
                return false;
            }
        }
    }

    /**
     * Sends an entry, unless a send of it is still in flight (the producer still trying while the broker
     * is down): that one is waited for again instead, so that the broker's return does not bring it twice.
     */
    private CompletableFuture<Void> send(OutboxEntry entry) {
        CompletableFuture<Void> pending = inFlight.get(entry.id());
        if (pending != null && !pending.isCompletedExceptionally()) {
            return pending;
        }
        CompletableFuture<Void> sent = sink.deliverScoreChanged(entry.eventId(), event(entry));
        inFlight.put(entry.id(), sent);
        return sent;
    }

    /** Waits for the acknowledgement; false when it failed or did not come in time. */
    private static boolean delivered(CompletableFuture<Void> send) {
        try {
            send.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Takes or renews the lease; false when another publisher holds it. */
    private boolean holdLease() {
        Optional<RunLease> held = lease == null ? Optional.empty()
                : store.runLeases().renew(lease, LEASE_TTL, clock.instant());
        if (held.isEmpty()) {
            held = store.runLeases().acquire(LEASE, holder, LEASE_TTL, clock.instant());
        }
        lease = held.orElse(null);
        return lease != null;
    }

    private static ScoreEvent event(OutboxEntry entry) {
        try {
            return Json.mapper().readValue(entry.payload(), ScoreEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("outbox entry " + entry.id() + " of service '" + entry.service()
                    + "' must hold a score event, but did not: " + e.getOriginalMessage(), e);
        }
    }

    /** The score event as the outbox keeps it. */
    static String payload(ScoreEvent event) {
        try {
            return Json.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("score event of service '" + event.service()
                    + "' must be writable as JSON, but was not: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Stops the thread, then sends what is left, each batch waiting {@value #ACK_TIMEOUT_SECONDS}s at most
     * for its acknowledgements, unless the thread's last attempt failed (what is not sent stays in the
     * outbox for the next publisher), and frees the lease. Idempotent.
     */
    @Override
    public void close() {
        Thread running;
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            running = thread;
            signal.signalAll();
        } finally {
            lock.unlock();
        }
        if (!announces()) {
            return;
        }
        try {
            if (running != null) {
                running.join(TimeUnit.SECONDS.toMillis(2 * ACK_TIMEOUT_SECONDS));
            }
            if (running == null || !running.isAlive() && delivering) {
                drain();
            }
        } catch (RuntimeException e) {
            LOG.warn("the score announcements left in the outbox were not sent: {}", e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            if (lease != null && (running == null || !running.isAlive())) {
                try {
                    store.runLeases().release(lease);
                } catch (RuntimeException e) {
                    LOG.warn("the outbox lease was not released: {}", e.getMessage());
                }
                lease = null;
            }
        }
    }
}
