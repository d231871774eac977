package io.steadfast.http;

import io.steadfast.http.internal.Pem;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Objects;

/**
 * Where and how the HTTP server listens.
 *
 * @param bind address to bind, {@code 127.0.0.1} by default
 * @param port TCP port, 8080 by default; 0 picks a free one
 * @param tls  the certificate and key to serve HTTPS with, or null for plain HTTP
 */
public record HttpSettings(String bind, int port, Tls tls) {

    public static final String DEFAULT_BIND = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public HttpSettings {
        Objects.requireNonNull(bind, "bind");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be in 0..65535, but was " + port);
        }
    }

    /** Plain HTTP. */
    public HttpSettings(String bind, int port) {
        this(bind, port, null);
    }

    /** The scheme it serves: {@code https} with TLS, else {@code http}. */
    public String scheme() {
        return tls == null ? "http" : "https";
    }

    /**
     * The server's TLS identity, as PEM files.
     *
     * @param certificate the certificate chain, the server's own certificate first
     * @param key         its private key, unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}), RSA or EC
     */
    public record Tls(Path certificate, Path key) {

        public Tls {
            Objects.requireNonNull(certificate, "certificate");
            Objects.requireNonNull(key, "key");
        }

        /** The key and its chain, read from the files; a bad file is a usage error naming it. */
        public KeyStore keyStore() {
            return Pem.keyStore(this);
        }
    }
}
