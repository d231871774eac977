package io.steadfast.proxy.internal;

import com.sun.net.httpserver.Headers;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether the control API serves a request at all, before reading its body: its {@code Host}
 * must be a loopback name (so a DNS-rebound web page is refused), its {@code Origin}, when it has one,
 * a loopback origin (so a cross-site request from a browser is refused), it must present the proxy's
 * secret, and a request with a body must declare it {@code application/json} (which a plain HTML form
 * cannot).
 */
final class ControlGuard {

    /** Why a request is refused: the status to answer and the message. */
    record Refusal(int status, String message) {
    }

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern PORT = Pattern.compile("(:\\d{1,5})?");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT");

    private final byte[] secret;

    ControlGuard(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    Optional<Refusal> check(String method, Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null || !loopbackAuthority(host)) {
            return refuse(403, "header 'Host' must name a loopback address (localhost, 127.x.x.x or [::1]), but was "
                    + shown(host));
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !loopbackOrigin(origin)) {
            return refuse(403, "header 'Origin' must be a loopback origin such as http://localhost when given, but was "
                    + shown(origin));
        }
        String authorization = headers.getFirst("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return refuse(401, "header 'Authorization' must be 'Bearer ' and the proxy's secret (the file "
                    + "proxy.secret in the data directory of steadfast proxy), but was " + (authorization == null
                    ? "missing" : "not a bearer token"));
        }
        byte[] presented = authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(presented, secret)) {
            return refuse(401, "header 'Authorization' must carry the proxy's secret, but carried another");
        }
        String type = headers.getFirst("Content-Type");
        if (BODY_METHODS.contains(method) && (type == null || !json(type))) {
            return refuse(415, "header 'Content-Type' must be 'application/json' for " + method + ", but was "
                    + shown(type));
        }
        return Optional.empty();
    }

    /** {@code localhost}, {@code 127.x.x.x} or {@code [::1]}, with any port: names, not resolved. */
    private static boolean loopbackAuthority(String authority) {
        String value = authority.strip().toLowerCase(Locale.ROOT);
        String host;
        String rest;
        if (value.startsWith("[")) {
            int end = value.indexOf(']');
            if (end < 0) {
                return false;
            }
            host = value.substring(0, end + 1);
            rest = value.substring(end + 1);
        } else {
            int colon = value.indexOf(':');
            host = colon < 0 ? value : value.substring(0, colon);
            rest = colon < 0 ? "" : value.substring(colon);
        }
        return PORT.matcher(rest).matches()
                && (host.equals("localhost") || host.equals("[::1]") || IPV4_LOOPBACK.matcher(host).matches());
    }

    private static boolean loopbackOrigin(String origin) {
        try {
            URI uri = new URI(origin.strip());
            return ("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    && uri.getRawAuthority() != null && uri.getRawUserInfo() == null
                    && (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && loopbackAuthority(uri.getRawAuthority());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean json(String contentType) {
        String mediaType = contentType.split(";", 2)[0].strip();
        return mediaType.equalsIgnoreCase("application/json");
    }

    private static String shown(String value) {
        return value == null ? "missing" : "'" + value + "'";
    }

    private static Optional<Refusal> refuse(int status, String message) {
        return Optional.of(new Refusal(status, message));
    }
}
