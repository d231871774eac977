package io.steadfast.proxy;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A route: connections accepted on {@code listen} go to the {@code upstreams} in turn (round-robin).
 *
 * @param listen    where the proxy listens; port 0 picks a free port
 * @param upstreams one or more dependency instances
 */
public record RouteSpec(HostPort listen, List<HostPort> upstreams) {

    public RouteSpec {
        Objects.requireNonNull(listen, "listen");
        upstreams = List.copyOf(upstreams);
        if (upstreams.isEmpty()) {
            throw new IllegalArgumentException("a route needs at least one upstream");
        }
    }

    /**
     * Parses the command line's {@code listen=upstream[,upstream...]}.
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static RouteSpec parse(String text) {
        int eq = text == null ? -1 : text.indexOf('=');
        if (eq < 0) {
            throw new IllegalArgumentException("route must be listen=upstream[,upstream...], but was '" + text + "'");
        }
        try {
            return new RouteSpec(HostPort.parse(text.substring(0, eq)),
                    Arrays.stream(text.substring(eq + 1).split(",")).map(HostPort::parse).toList());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("route '" + text + "': " + e.getMessage(), e);
        }
    }
}
