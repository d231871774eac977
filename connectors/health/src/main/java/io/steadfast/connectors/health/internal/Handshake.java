package io.steadfast.connectors.health.internal;

import io.steadfast.connectors.health.config.Endpoint;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/** Connects to an endpoint and performs a TLS handshake with it, all within one timeout. */
public final class Handshake {

    private Handshake() {
    }

    /** Which step failed. */
    public enum Stage { CONNECT, HANDSHAKE }

    /**
     * What a completed handshake showed.
     *
     * @param chain the certificates the endpoint presented, its own first
     */
    public record Session(String protocol, List<X509Certificate> chain) {

        public Session {
            chain = List.copyOf(chain);
        }
    }

    /** The endpoint could not be reached, or did not complete a handshake, in time or at all. */
    public static final class Failure extends Exception {

        private final Stage stage;
        private final boolean timedOut;

        Failure(Stage stage, boolean timedOut, IOException cause) {
            super(stage + " failed", cause);
            this.stage = stage;
            this.timedOut = timedOut;
        }

        public Stage stage() {
            return stage;
        }

        /** {@code connection refused}, {@code timed out after 500 ms}, {@code TLS handshake failed: ...}. */
        public String describe(Duration timeout) {
            if (timedOut || getCause() instanceof SocketTimeoutException) {
                return "timed out after " + Latency.millis(timeout);
            }
            if (stage == Stage.CONNECT) {
                return Failures.describe(getCause(), timeout);
            }
            String message = getCause().getMessage();
            return "TLS handshake failed: " + (message == null ? getCause().getClass().getSimpleName() : message);
        }
    }

    /**
     * Connects and shakes hands, then closes the connection without sending anything.
     *
     * @param identifyHost whether the certificate must name the endpoint's host (as an HTTPS client checks)
     * @param timeout      for the connection and the handshake together
     */
    public static Session perform(Endpoint endpoint, SSLSocketFactory factory, boolean identifyHost, Duration timeout)
            throws Failure {
        Socket plain = new Socket();
        try (Deadline deadline = Deadline.closeAfter(plain, timeout)) {
            try {
                Connect.to(plain, endpoint.resolve(), (int) Math.max(1, timeout.toMillis()));
                plain.setSoTimeout((int) Math.max(1, timeout.toMillis()));
            } catch (IOException e) {
                throw new Failure(Stage.CONNECT, deadline.passed(), e);
            }
            try (SSLSocket tls = (SSLSocket) factory.createSocket(plain, endpoint.host(), endpoint.port(), true)) {
                if (identifyHost) {
                    SSLParameters parameters = tls.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    tls.setSSLParameters(parameters);
                }
                tls.startHandshake();
                SSLSession session = tls.getSession();
                List<X509Certificate> chain = new ArrayList<>();
                for (Certificate certificate : session.getPeerCertificates()) {
                    chain.add((X509Certificate) certificate);
                }
                return new Session(session.getProtocol(), chain);
            } catch (IOException e) {
                throw new Failure(Stage.HANDSHAKE, deadline.passed(), e);
            }
        } finally {
            closeLeftOpen(plain);
        }
    }

    private static void closeLeftOpen(Socket plain) {
        try {
            plain.close();
        } catch (IOException e) {
            // Only a socket the handshake never took over is still open here; its close has nothing to report.
        }
    }
}
