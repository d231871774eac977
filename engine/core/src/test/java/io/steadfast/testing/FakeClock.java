package io.steadfast.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that moves only when the test advances it. Thread-safe: the code under test may read it on its own threads. */
public final class FakeClock extends Clock {

    public static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private final AtomicReference<Instant> now;

    /** Starting at {@link #START}. */
    public FakeClock() {
        this(START);
    }

    public FakeClock(Instant start) {
        now = new AtomicReference<>(start);
    }

    public void advance(Duration by) {
        now.updateAndGet(at -> at.plus(by));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
