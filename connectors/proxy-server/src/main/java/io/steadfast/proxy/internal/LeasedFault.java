package io.steadfast.proxy.internal;

import io.steadfast.proxy.FaultSpec;
import io.steadfast.proxy.FaultType;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** A fault in effect on a route, until its lease runs out unrenewed. */
final class LeasedFault {

    private final String id = UUID.randomUUID().toString();
    private final FaultSpec spec;
    private final TokenBucket toUpstream;
    private final TokenBucket toClient;
    private volatile long deadlineNanos;

    LeasedFault(FaultSpec spec) {
        this.spec = spec;
        long bytesPerSecond = spec.bandwidthKbps() * 1000L / 8;
        this.toUpstream = spec.type() == FaultType.BANDWIDTH ? new TokenBucket(bytesPerSecond) : null;
        this.toClient = spec.type() == FaultType.BANDWIDTH ? new TokenBucket(bytesPerSecond) : null;
        renew(spec.leaseMs());
    }

    String id() {
        return id;
    }

    FaultSpec spec() {
        return spec;
    }

    FaultType type() {
        return spec.type();
    }

    TokenBucket bucket(boolean towardsClient) {
        return towardsClient ? toClient : toUpstream;
    }

    void renew(long leaseMs) {
        deadlineNanos = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseMs);
    }

    long remainingNanos() {
        return deadlineNanos - System.nanoTime();
    }
}
