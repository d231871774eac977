package io.steadfast.spi.health;

import io.steadfast.model.Check;
import io.steadfast.model.Dependency;
import io.steadfast.spi.result.ResultStatus;
import java.time.Instant;
import java.util.Set;

/**
 * Runs the static checks a test may hold instead of a fault ({@code certificate-expiry}). Found
 * with {@link java.util.ServiceLoader}, picked by the check's {@code type}.
 */
public interface StaticCheckProvider {

    Set<String> types();

    /**
     * Runs the check against one dependency of a service.
     *
     * @param now the time the check judges against (validity is measured from it)
     * @return PASSED or FAILED with a message a person can read, or ERROR when the target could
     *         not be examined
     */
    Outcome run(Check check, Dependency dependency, Instant now);

    /** What a static check found. */
    record Outcome(ResultStatus status, String message) {
    }
}
