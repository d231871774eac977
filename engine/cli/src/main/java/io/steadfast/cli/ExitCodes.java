package io.steadfast.cli;

/** The CLI's exit codes. */
final class ExitCodes {

    static final int OK = 0;
    /** A gate's fail outcome, or a check that found problems. */
    static final int PROBLEMS = 1;
    /** A usage or system error. */
    static final int ERROR = 2;

    private ExitCodes() {
    }
}
