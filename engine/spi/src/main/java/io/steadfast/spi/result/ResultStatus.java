package io.steadfast.spi.result;

/** What one execution of one test instance showed. */
public enum ResultStatus {
    PASSED,
    DEGRADED,
    FAILED,
    HALTED,
    /** The test could not run (the fault could not be applied, the tool broke). Never counted. */
    ERROR,
    /** The test was not run (for example the service was unhealthy before it). Never counted. */
    SKIPPED;

    /** Whether a result with this status can be a test instance's counted result. */
    public boolean counts() {
        return this != ERROR && this != SKIPPED;
    }
}
