package io.steadfast.store;

import io.steadfast.spi.errors.SteadfastException;

/**
 * The store refused or failed an operation, and trying the same call again will not help: an
 * unknown id, a value the schema does not accept, a broken migration. Its message names the thing,
 * the rule and the bad value.
 *
 * A "give up" {@link SteadfastException}.
 *
 * @see StoreUnavailableException for failures worth retrying, which is not one of these
 */
public class StoreException extends SteadfastException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
