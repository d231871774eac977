package io.steadfast.proxy;

import java.net.InetSocketAddress;

/** A {@code host:port} address as routes and the control API write it. */
public record HostPort(String host, int port) {

    public HostPort {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be empty");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535, but was " + port);
        }
    }

    /**
     * Parses {@code host:port} ({@code [v6]:port} for IPv6 literals).
     *
     * @throws IllegalArgumentException saying what is wrong with {@code text}
     */
    public static HostPort parse(String text) {
        String value = text == null ? "" : text.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("must be host:port, but was '" + text + "'");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be host:port with a numeric port, but was '" + text + "'");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("must be host:port with a port in 0..65535, but was '" + text + "'");
        }
        return new HostPort(host, port);
    }

    /** An unresolved socket address, resolved when used. */
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}
