package io.steadfast.proxy.internal;

import io.steadfast.proxy.FaultType;
import java.io.IOException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection and its upstream connection, relayed by a thread per direction over blocking
 * channels and direct buffers (the bytes are copied only into and out of the kernel). An end of
 * stream is passed on as a half-close; the connection closes once both directions have ended. A
 * failure in either direction resets both sides.
 */
final class Connection {

    static final int BUFFER_BYTES = 64 * 1024;
    private static final int CONNECT_TIMEOUT_MS = 10_000;

    private final Route route;
    private final SocketChannel client;
    private volatile SocketChannel upstream;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger directionsLeft = new AtomicInteger(2);

    Connection(Route route, SocketChannel client) {
        this.route = route;
        this.client = client;
    }

    boolean closed() {
        return closed.get();
    }

    /** Holds the client while blackholed, connects upstream, then relays until both directions end. */
    void run() {
        try {
            client.setOption(StandardSocketOptions.TCP_NODELAY, true);
            if (resetIfFaulted()) {
                return;
            }
            route.holdWhileBlackholed(this);
            if (closed() || resetIfFaulted()) {
                return;
            }
            SocketChannel opened = SocketChannel.open();
            upstream = opened;
            opened.setOption(StandardSocketOptions.TCP_NODELAY, true);
            try {
                opened.socket().connect(route.nextUpstream(), CONNECT_TIMEOUT_MS);
                if (selfConnected(opened)) {
                    throw new IOException("connected to itself: nothing listens on the upstream port");
                }
            } catch (IOException e) {
                // The dependency refused or did not answer: the client sees its connection reset.
                reset();
                return;
            }
            if (closed()) {
                reset();
                return;
            }
            route.threads().execute(() -> relay(opened, client, true));
            relay(client, opened, false);
        } catch (IOException | RuntimeException e) {
            reset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reset();
        }
    }

    /**
     * A connection to a free local port inside the ephemeral range can be given that same port as its
     * own (TCP simultaneous open): it then succeeds with nobody at the other end, where a refusal was
     * due.
     */
    private static boolean selfConnected(SocketChannel channel) throws IOException {
        return channel.getLocalAddress().equals(channel.getRemoteAddress());
    }

    private boolean resetIfFaulted() {
        LeasedFault fault = route.fault();
        if (fault != null && fault.type() == FaultType.RESET) {
            reset();
            return true;
        }
        return false;
    }

    /** Copies one direction until end of stream; towards the client, through a delay line once latency is seen. */
    private void relay(SocketChannel from, SocketChannel to, boolean towardsClient) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES);
        DelayLine delayLine = null;
        try {
            while (true) {
                buffer.clear();
                int read = from.read(buffer);
                LeasedFault fault = route.fault();
                if (fault != null && fault.type() == FaultType.BLACKHOLE) {
                    route.holdWhileBlackholed(this);
                    fault = route.fault();
                }
                if (closed() || resetIfFaulted()) {
                    return;
                }
                buffer.flip();
                if (towardsClient && (delayLine != null || (fault != null && fault.type() == FaultType.LATENCY))) {
                    if (delayLine == null) {
                        delayLine = new DelayLine(this, to);
                        route.threads().execute(delayLine);
                    }
                    delayLine.add(read < 0 ? null : buffer, route.delayNanos(fault));
                    if (read < 0) {
                        delayLine.awaitDone();
                        break;
                    }
                    continue;
                }
                if (read < 0) {
                    to.shutdownOutput();
                    break;
                }
                write(to, buffer, towardsClient);
            }
            if (directionsLeft.decrementAndGet() == 0) {
                close();
            }
        } catch (IOException | RuntimeException e) {
            reset();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reset();
        }
    }

    /** Writes all of {@code buffer}, at the route's bandwidth limit when one is in effect. */
    void write(SocketChannel to, ByteBuffer buffer, boolean towardsClient) throws IOException, InterruptedException {
        while (buffer.hasRemaining()) {
            LeasedFault fault = route.fault();
            if (fault != null && fault.type() == FaultType.BANDWIDTH) {
                TokenBucket bucket = fault.bucket(towardsClient);
                int slice = (int) Math.min(buffer.remaining(), bucket.burst());
                bucket.take(slice);
                int limit = buffer.limit();
                buffer.limit(buffer.position() + slice);
                while (buffer.hasRemaining()) {
                    to.write(buffer);
                }
                buffer.limit(limit);
            } else {
                to.write(buffer);
            }
        }
    }

    /** Resets both sides (RST: {@code SO_LINGER} 0). Idempotent. */
    void reset() {
        if (closed.compareAndSet(false, true)) {
            abort(client);
            abort(upstream);
            route.forget(this);
        }
    }

    /** Closes both sides normally. Idempotent. */
    void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(client);
            closeQuietly(upstream);
            route.forget(this);
        }
    }

    private static void abort(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            if (channel.isOpen()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
        } catch (IOException e) {
            // already closed: nothing left to reset
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            // closing is best effort: the peer sees the connection end either way
        }
    }
}
