package io.steadfast.proxy.internal;

import io.steadfast.proxy.FaultType;
import io.steadfast.proxy.HostPort;
import io.steadfast.proxy.RouteSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * One listen address and its upstreams: accepts connections on its own thread, relays each with a
 * {@link Connection}, and holds the route's fault.
 */
final class Route {

    private static final System.Logger LOG = System.getLogger(Route.class.getName());

    private final HostPort listen;
    private final List<HostPort> upstreams;
    private final ServerSocketChannel server;
    private final Executor threads;
    private final RandomGenerator random;
    private final AtomicInteger next = new AtomicInteger();
    private final Set<Connection> connections = ConcurrentHashMap.newKeySet();
    private final Object faultChanged = new Object();
    private volatile LeasedFault fault;
    private volatile boolean closed;

    private Route(HostPort listen, List<HostPort> upstreams, ServerSocketChannel server, Executor threads,
            RandomGenerator random) {
        this.listen = listen;
        this.upstreams = upstreams;
        this.server = server;
        this.threads = threads;
        this.random = random;
    }

    /** Binds the listen address and starts accepting. */
    static Route open(RouteSpec spec, Executor threads, RandomGenerator random) throws IOException {
        ServerSocketChannel server = ServerSocketChannel.open();
        try {
            server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            server.bind(spec.listen().socketAddress(), 1024);
        } catch (IOException e) {
            server.close();
            throw new IOException("cannot listen on '" + spec.listen() + "': " + e.getMessage(), e);
        }
        int port = ((InetSocketAddress) server.getLocalAddress()).getPort();
        Route route = new Route(new HostPort(spec.listen().host(), port), spec.upstreams(), server, threads, random);
        threads.execute(route::accept);
        return route;
    }

    HostPort listen() {
        return listen;
    }

    List<HostPort> upstreams() {
        return upstreams;
    }

    int connectionCount() {
        return connections.size();
    }

    LeasedFault fault() {
        return fault;
    }

    boolean closed() {
        return closed;
    }

    Executor threads() {
        return threads;
    }

    InetSocketAddress nextUpstream() {
        return upstreams.get(Math.floorMod(next.getAndIncrement(), upstreams.size())).socketAddress();
    }

    /** Replaces the fault; a reset resets every open connection at once. */
    void applyFault(LeasedFault applied) {
        fault = applied;
        wakeHeld();
        if (applied.type() == FaultType.RESET) {
            connections.forEach(Connection::reset);
        }
    }

    /** Removes {@code expected} if it is still the route's fault; returns whether it was. */
    boolean clearFault(LeasedFault expected) {
        synchronized (faultChanged) {
            if (fault != expected || expected == null) {
                return false;
            }
            fault = null;
            faultChanged.notifyAll();
            return true;
        }
    }

    /** The delay a latency fault adds to one chunk, in nanoseconds; 0 without one. */
    long delayNanos(LeasedFault current) {
        if (current == null || current.type() != FaultType.LATENCY) {
            return 0;
        }
        int jitter = current.spec().jitterMs();
        long ms = current.spec().latencyMs();
        if (jitter > 0) {
            synchronized (random) {
                ms += random.nextInt(-jitter, jitter + 1);
            }
        }
        return TimeUnit.MILLISECONDS.toNanos(Math.max(0, ms));
    }

    /** Blocks while a blackhole is in effect, until the connection or the route closes. */
    void holdWhileBlackholed(Connection connection) throws InterruptedException {
        synchronized (faultChanged) {
            while (isBlackholed() && !connection.closed() && !closed) {
                faultChanged.wait(100);
            }
        }
    }

    private boolean isBlackholed() {
        LeasedFault current = fault;
        return current != null && current.type() == FaultType.BLACKHOLE;
    }

    private void wakeHeld() {
        synchronized (faultChanged) {
            faultChanged.notifyAll();
        }
    }

    void forget(Connection connection) {
        connections.remove(connection);
        wakeHeld();
    }

    /** Stops listening and closes every connection. */
    void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "closing listener " + listen + ": " + e.getMessage());
        }
        connections.forEach(Connection::close);
        wakeHeld();
    }

    private void accept() {
        Thread.currentThread().setName("proxy-accept-" + listen);
        while (!closed) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING, "accepting on " + listen + ": " + e.getMessage());
                continue;
            }
            Connection connection = new Connection(this, client);
            connections.add(connection);
            if (closed) {
                connection.close();
                return;
            }
            try {
                threads.execute(connection::run);
            } catch (RuntimeException e) {
                connection.close();
            }
        }
    }
}
