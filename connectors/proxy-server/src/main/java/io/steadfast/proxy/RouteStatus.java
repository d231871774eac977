package io.steadfast.proxy;

import java.util.List;

/**
 * A route as the proxy holds it now.
 *
 * @param listen      the bound listen address (the port chosen when 0 was asked); the route's key
 * @param connections connections open (or held) now
 * @param fault       the fault in effect, or null when traffic passes unchanged
 */
public record RouteStatus(HostPort listen, List<HostPort> upstreams, int connections, FaultStatus fault) {

    public RouteStatus {
        upstreams = List.copyOf(upstreams);
    }
}
