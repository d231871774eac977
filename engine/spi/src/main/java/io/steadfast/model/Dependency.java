package io.steadfast.model;

/**
 * Something a service calls.
 *
 * @param endpoint {@code host:port}
 * @param tls      whether it is reached over TLS
 * @param proxy    where its traffic can be disturbed (null when it cannot)
 */
public record Dependency(String id, String endpoint, boolean tls, Proxy proxy) {

    /**
     * A fault-proxy listen address standing between the service and the dependency.
     *
     * @param control the proxy's control API, {@code host:port}; null means the engine's default
     */
    public record Proxy(String listen, String control) {
    }
}
