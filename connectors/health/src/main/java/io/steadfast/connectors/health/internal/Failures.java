package io.steadfast.connectors.health.internal;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLException;

/** Says in a few words why a probe could not talk to its target. */
public final class Failures {

    private Failures() {
    }

    /**
     * {@code connection refused}, {@code timed out after 500 ms}, {@code unknown host 'x'},
     * {@code TLS handshake failed: ...}, or the exception's type and message.
     *
     * @param timeout the probe's timeout, named when the failure is a timeout
     */
    public static String describe(Throwable failure, Duration timeout) {
        String timedOut = "timed out after " + Latency.millis(timeout);
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof HttpTimeoutException || t instanceof SocketTimeoutException) {
                return timedOut;
            }
            if (t instanceof UnknownHostException) {
                return "unknown host '" + t.getMessage() + "'";
            }
            if (t instanceof NoRouteToHostException) {
                return "no route to host";
            }
            if (t instanceof ConnectException) {
                String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
                if (message.contains("timed out")) {
                    return timedOut;
                }
                // The HTTP client's own ConnectException for a refused connection has no message.
                return "connection refused";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed: " + t.getMessage();
            }
        }
        return failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }
}
