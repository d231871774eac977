package io.steadfast.runner;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that only moves when the runner pauses (or a probe takes time), so runs take no real time. */
final class FakeTime extends Clock implements Pause {

    static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

    private Instant now = START;
    private Runnable onPause = () -> { };

    void onAdvance(Runnable hook) {
        onPause = hook;
    }

    @Override
    public void until(Instant deadline) {
        onPause.run();
        if (deadline.isAfter(now)) {
            now = deadline;
        }
    }

    void advance(Duration duration) {
        now = now.plus(duration);
    }

    long secondsSinceStart() {
        return Duration.between(START, now).toSeconds();
    }

    @Override
    public Instant instant() {
        return now;
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
