package io.steadfast.store;

/**
 * The store could not do it now, but the same call may succeed later: the database is unreachable,
 * the connection broke, the pool had no free connection in time, or a lock could not be taken.
 * Nothing of the failed call was stored (each call is one transaction), so retrying is safe.
 */
public class StoreUnavailableException extends StoreException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
