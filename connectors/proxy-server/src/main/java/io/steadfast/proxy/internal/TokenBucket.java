package io.steadfast.proxy.internal;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket in bytes, shared by the threads writing one direction of a route. Callers take at
 * most {@link #burst()} bytes at a time; the bucket may go into debt, and the taker sleeps it off, so
 * that sleeping longer than asked is made up by the next taker.
 */
final class TokenBucket {

    private final double bytesPerNano;
    private final long burst;
    private double tokens;
    private long last;

    TokenBucket(long bytesPerSecond) {
        this.bytesPerNano = bytesPerSecond / 1e9;
        this.burst = Math.max(1024, bytesPerSecond / 50);
        this.tokens = burst;
        this.last = System.nanoTime();
    }

    long burst() {
        return burst;
    }

    void take(int bytes) throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - last) * bytesPerNano) - bytes;
            last = now;
            waitNanos = tokens < 0 ? (long) (-tokens / bytesPerNano) : 0;
        }
        if (waitNanos > 0) {
            TimeUnit.NANOSECONDS.sleep(waitNanos);
        }
    }
}
