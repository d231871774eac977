package io.steadfast.store;

import io.steadfast.spi.errors.RetriableException;

/**
 * The store could not do it now, but the same call may succeed later: the database is unreachable,
 * the connection broke, the pool had no free connection in time, or a lock could not be taken.
 * Nothing of the failed call was stored (each call is one transaction), so retrying is safe: a
 * {@link RetriableException}, which the retry policy ({@code io.steadfast.spi.retry.Backoff}) tries again,
 * and not a {@link StoreException}, which means "give up".
 */
public class StoreUnavailableException extends RetriableException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
