package io.steadfast.connectors.health.config;

import io.steadfast.spi.errors.SteadfastException;
import java.net.InetSocketAddress;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code host:port} address ({@code [::1]:443} for an IPv6 literal).
 *
 * @param host a host name or an IP literal, without brackets
 * @param port 1 to 65535
 */
public record Endpoint(String host, int port) {

    private static final Pattern HOST_PORT = Pattern.compile("(?:\\[([0-9A-Fa-f:.]+)]|([^:\\[\\]\\s]+)):(\\d{1,5})");

    public Endpoint {
        if (host == null || host.isBlank()) {
            throw new SteadfastException("host of an endpoint must not be blank, but was '" + host + "'");
        }
        if (port < 1 || port > 65535) {
            throw new SteadfastException("port of endpoint '" + host + "' must be from 1 to 65535, but was " + port);
        }
    }

    /**
     * Parses {@code host:port}.
     *
     * @param what names the setting in the error message, e.g. {@code address of a tcp health check}
     * @throws SteadfastException when the text is not {@code host:port}
     */
    public static Endpoint parse(String text, String what) {
        Matcher matcher = text == null ? null : HOST_PORT.matcher(text);
        if (matcher == null || !matcher.matches()) {
            throw new SteadfastException(what + " must be host:port, but was " + quoted(text));
        }
        String host = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
        int port = Integer.parseInt(matcher.group(3));
        if (port < 1 || port > 65535) {
            throw new SteadfastException(what + " must have a port from 1 to 65535, but was " + quoted(text));
        }
        return new Endpoint(host, port);
    }

    /** Resolves the host now; an unknown host gives an unresolved address, which fails on connect. */
    public InetSocketAddress resolve() {
        return new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String quoted(String text) {
        return text == null ? "null" : "'" + text + "'";
    }
}
