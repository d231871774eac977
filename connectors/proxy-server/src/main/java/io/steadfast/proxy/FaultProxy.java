package io.steadfast.proxy;

import io.steadfast.proxy.internal.ControlApi;
import io.steadfast.proxy.internal.RouteTable;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * The TCP fault proxy: relays each route's connections to its upstreams unchanged until a fault is
 * applied, and reverts each fault by itself when its lease runs out unrenewed, so that an engine that
 * dies mid-test leaves nothing broken.
 *
 * <p>Faults, one at a time per route:
 * <ul>
 *   <li>{@code latency}: {@code latencyMs ± jitterMs} (uniform) added to the data flowing back from
 *       the upstream to the client (responses); the client-to-upstream direction is untouched, so a
 *       request/response exchange takes {@code latencyMs} longer. Order is kept.</li>
 *   <li>{@code blackhole}: new connections are accepted and held, with no upstream connection;
 *       existing ones stop forwarding in both directions; both resume when the fault ends.</li>
 *   <li>{@code reset}: open connections are reset on both sides (RST), and new ones are reset as
 *       soon as they are accepted.</li>
 *   <li>{@code bandwidth}: each direction of the route carries at most {@code bandwidthKbps}
 *       (kilobits per second), shared by its connections.</li>
 * </ul>
 *
 * <p>Controlled over the loopback JSON API of {@link ControlApi} (default {@code 127.0.0.1:8474}),
 * which answers only callers presenting the proxy's secret ({@link ProxyAccess}), or through the
 * methods here. Routes listen on loopback addresses only, unless {@link ProxyAccess} allows others.
 * Relaying uses a thread per connection and direction. Thread-safe; {@link #close()} stops the API,
 * every route and every connection.
 */
public final class FaultProxy implements AutoCloseable {

    /** Where the control API listens unless told otherwise. */
    public static final HostPort DEFAULT_CONTROL = new HostPort("127.0.0.1", 8474);

    private final RouteTable routes;
    private final ControlApi api;

    private FaultProxy(RouteTable routes, ControlApi api) {
        this.routes = routes;
        this.api = api;
    }

    /** Starts a proxy with latency jitter drawn from an unseeded generator. */
    public static FaultProxy start(HostPort control, ProxyAccess access, List<RouteSpec> initialRoutes)
            throws IOException {
        return start(control, access, initialRoutes, new SplittableRandom());
    }

    /**
     * Starts the control API on {@code control} (a loopback address; port 0 picks one), answering only
     * callers that present {@code access}'s secret, and the given routes.
     *
     * @throws IllegalArgumentException when {@code control} is not a loopback address, or a route's listen
     *                                  address is not one and {@code access} does not allow others
     * @throws IllegalStateException    when a route's listen address cannot be bound
     * @throws IOException              when the control address cannot be bound
     */
    public static FaultProxy start(HostPort control, ProxyAccess access, List<RouteSpec> initialRoutes,
            RandomGenerator random) throws IOException {
        RouteTable routes = new RouteTable(random, access.allowNonLoopbackListen());
        try {
            initialRoutes.forEach(routes::add);
            return new FaultProxy(routes, ControlApi.start(control, access.secret(), routes));
        } catch (IOException | RuntimeException e) {
            routes.close();
            throw e;
        }
    }

    /** The control API's bound address. */
    public HostPort control() {
        return api.address();
    }

    /**
     * Adds a route; its status holds the bound listen address, which is its key from then on.
     *
     * @throws IllegalArgumentException when the listen address is not a loopback one and others are not allowed
     */
    public RouteStatus addRoute(RouteSpec spec) {
        return routes.add(spec);
    }

    public boolean removeRoute(String listen) {
        return routes.remove(listen);
    }

    public List<RouteStatus> routes() {
        return routes.list();
    }

    public Optional<RouteStatus> route(String listen) {
        return routes.get(listen);
    }

    /** Applies a fault to a route in place of any other; see the class description for each type. */
    public FaultStatus applyFault(String listen, FaultSpec fault) {
        return routes.applyFault(listen, fault);
    }

    /** Extends a fault's lease; empty when the fault ({@code id} null: any) is no longer in effect. */
    public Optional<FaultStatus> renewFault(String listen, String id, long leaseMs) {
        return routes.renew(listen, id, leaseMs);
    }

    /** Removes a fault ({@code id} null: any); false when there was none. */
    public boolean removeFault(String listen, String id) {
        return routes.clearFault(listen, id);
    }

    @Override
    public void close() {
        api.close();
        routes.close();
    }
}
