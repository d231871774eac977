package io.steadfast.gate;

/**
 * A gate was asked a question it cannot answer as asked (for example without a version under
 * {@code evidence: same-version}). A usage error: asking again the same way fails the same way.
 */
public class GateUsageException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public GateUsageException(String message) {
        super(message);
    }
}
