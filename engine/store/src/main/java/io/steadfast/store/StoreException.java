package io.steadfast.store;

/**
 * The store refused or failed an operation, and trying the same call again will not help: an
 * unknown id, a value the schema does not accept, a broken migration. Its message names the thing,
 * the rule and the bad value.
 *
 * @see StoreUnavailableException for failures worth retrying
 */
public class StoreException extends RuntimeException {

    public StoreException(String message) {
        super(message);
    }

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
