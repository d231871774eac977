package io.steadfast.spi.fault;

import io.steadfast.spi.errors.SteadfastException;

/** A fault could not be planned, applied or reverted; the message says which and why. */
public class FaultException extends SteadfastException {

    public FaultException(String message) {
        super(message);
    }

    public FaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
