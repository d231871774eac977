package io.steadfast.http;

import java.util.Objects;

/**
 * Where the HTTP server listens.
 *
 * @param bind address to bind, {@code 127.0.0.1} by default
 * @param port TCP port, 8080 by default; 0 picks a free one
 */
public record HttpSettings(String bind, int port) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public HttpSettings {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, but was " + port);
        }
    }
}
