package io.steadfast.spi.errors;

/**
 * A failure that may not happen again if the same call is retried later: the store or the broker
 * is unreachable for now, a lock timed out. Whoever throws it guarantees that the failed call left
 * nothing half done, so retrying it is safe.
 *
 * <p>A {@link io.steadfast.spi.ResultSource} that gets it from its handler does not commit, backs
 * off and hands the same records over again.
 */
public class RetriableException extends SteadfastException {

    public RetriableException(String message) {
        super(message);
    }

    public RetriableException(String message, Throwable cause) {
        super(message, cause);
    }
}
