package io.steadfast.spi.errors;

/**
 * A failure that trying again will not cure: bad configuration, a contract broken, a record that can
 * never be processed. The ingest loop stops (or dead-letters the record) on it.
 *
 * <p>The root of Steadfast's small exception hierarchy: {@link RetriableException} is the one
 * subclass that means "try again"; everything else means "give up". The message follows the
 * product's formula: the thing, in quotes, the rule, the bad value. Keep the cause when wrapping.
 */
public class SteadfastException extends RuntimeException {

    public SteadfastException(String message) {
        super(message);
    }

    public SteadfastException(String message, Throwable cause) {
        super(message, cause);
    }
}
