package io.steadfast.proxy.internal;

import io.steadfast.proxy.FaultSpec;
import io.steadfast.proxy.FaultStatus;
import io.steadfast.proxy.HostPort;
import io.steadfast.proxy.RouteSpec;
import io.steadfast.proxy.RouteStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.random.RandomGenerator;

/**
 * The proxy's routes and their faults, and the lease clock that reverts a fault whose lease runs
 * out unrenewed. Control operations are serialized; relaying is not held up by them.
 */
public final class RouteTable implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RouteTable.class.getName());

    private final Map<String, Route> routes = new LinkedHashMap<>();
    private final ExecutorService threads = Executors.newCachedThreadPool(daemons("proxy-relay-"));
    private final ScheduledExecutorService leases = Executors.newSingleThreadScheduledExecutor(daemons("proxy-leases-"));
    private final RandomGenerator random;
    private final boolean allowNonLoopbackListen;

    /**
     * @param random                 the source of latency jitter; used under a lock
     * @param allowNonLoopbackListen whether routes may listen on addresses other than loopback ones
     */
    public RouteTable(RandomGenerator random, boolean allowNonLoopbackListen) {
        this.random = random;
        this.allowNonLoopbackListen = allowNonLoopbackListen;
    }

    /**
     * Binds a new route's listen address and starts relaying.
     *
     * @throws IllegalArgumentException when the listen address is not a loopback one and others are not allowed
     * @throws IllegalStateException    when the listen address is taken
     */
    public synchronized RouteStatus add(RouteSpec spec) {
        if (!allowNonLoopbackListen && !loopback(spec.listen())) {
            throw new IllegalArgumentException("route listen address must be a loopback address unless the proxy is"
                    + " started with --allow-non-loopback-listen, but was '" + spec.listen() + "'");
        }
        if (spec.listen().port() != 0 && routes.containsKey(spec.listen().toString())) {
            throw new IllegalStateException("route '" + spec.listen() + "' already exists");
        }
        Route route;
        try {
            route = Route.open(spec, threads, random);
        } catch (IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        routes.put(route.listen().toString(), route);
        LOG.log(System.Logger.Level.INFO, "route " + route.listen() + " -> " + route.upstreams());
        return status(route);
    }

    /** Stops a route and closes its connections; false when there is no such route. */
    public synchronized boolean remove(String listen) {
        Route route = routes.remove(key(listen));
        if (route == null) {
            return false;
        }
        route.close();
        LOG.log(System.Logger.Level.INFO, "route " + route.listen() + " removed");
        return true;
    }

    public synchronized List<RouteStatus> list() {
        return routes.values().stream().map(RouteTable::status).toList();
    }

    public synchronized Optional<RouteStatus> get(String listen) {
        return Optional.ofNullable(routes.get(key(listen))).map(RouteTable::status);
    }

    /**
     * Applies a fault to a route in place of any fault it had.
     *
     * @throws NoSuchElementException when there is no such route
     */
    public synchronized FaultStatus applyFault(String listen, FaultSpec spec) {
        Route route = required(listen);
        LeasedFault fault = new LeasedFault(spec);
        route.applyFault(fault);
        scheduleExpiry(route, fault);
        LOG.log(System.Logger.Level.INFO, "route " + route.listen() + ": " + spec.describe() + ", lease "
                + spec.leaseMs() + " ms (fault " + fault.id() + ")");
        return status(fault);
    }

    /**
     * Extends the lease of the route's fault ({@code id} null: whichever it is) to {@code leaseMs} from
     * now; empty when the route has no such fault in effect, its lease having run out or it having
     * been removed or replaced.
     *
     * @throws NoSuchElementException when there is no such route
     */
    public synchronized Optional<FaultStatus> renew(String listen, String id, long leaseMs) {
        Route route = required(listen);
        LeasedFault fault = route.fault();
        if (fault == null || (id != null && !id.equals(fault.id()))) {
            return Optional.empty();
        }
        if (fault.remainingNanos() <= 0) {
            expire(route, fault);
            return Optional.empty();
        }
        fault.renew(leaseMs);
        return Optional.of(status(fault));
    }

    /**
     * Removes the route's fault ({@code id} null: whichever it is); false when there was none to remove.
     *
     * @throws NoSuchElementException when there is no such route
     */
    public synchronized boolean clearFault(String listen, String id) {
        Route route = required(listen);
        LeasedFault fault = route.fault();
        if (fault == null || (id != null && !id.equals(fault.id()))) {
            return false;
        }
        route.clearFault(fault);
        LOG.log(System.Logger.Level.INFO, "route " + route.listen() + ": fault " + fault.id() + " removed");
        return true;
    }

    /** Closes every route and stops the relay and lease threads. */
    @Override
    public synchronized void close() {
        List<Route> all = new ArrayList<>(routes.values());
        routes.clear();
        all.forEach(Route::close);
        leases.shutdownNow();
        threads.shutdownNow();
    }

    private void scheduleExpiry(Route route, LeasedFault fault) {
        leases.schedule(() -> expire(route, fault), Math.max(0, fault.remainingNanos()), TimeUnit.NANOSECONDS);
    }

    private synchronized void expire(Route route, LeasedFault fault) {
        if (route.fault() != fault) {
            return;
        }
        if (fault.remainingNanos() > 0) {
            scheduleExpiry(route, fault);
        } else if (route.clearFault(fault)) {
            LOG.log(System.Logger.Level.INFO, "route " + route.listen() + ": fault " + fault.id()
                    + " reverted, its lease ran out unrenewed");
        }
    }

    private Route required(String listen) {
        Route route = routes.get(key(listen));
        if (route == null) {
            throw new NoSuchElementException("route '" + listen + "' does not exist");
        }
        return route;
    }

    private static boolean loopback(HostPort listen) {
        try {
            return InetAddress.getByName(listen.host()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String key(String listen) {
        try {
            return HostPort.parse(listen).toString();
        } catch (IllegalArgumentException e) {
            return listen;
        }
    }

    private static RouteStatus status(Route route) {
        LeasedFault fault = route.fault();
        return new RouteStatus(route.listen(), route.upstreams(), route.connectionCount(),
                fault == null ? null : status(fault));
    }

    private static FaultStatus status(LeasedFault fault) {
        return new FaultStatus(fault.id(), fault.spec(), Math.max(0, TimeUnit.NANOSECONDS.toMillis(fault.remainingNanos())));
    }

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
