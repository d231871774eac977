package io.steadfast.app;

import java.util.List;

/**
 * A user error: a wrong flag, a bad file, an unknown service. Shown as its message (one line per
 * problem), never as a stack trace; the CLI exits with 2.
 */
public class UsageException extends RuntimeException {

    private final List<String> problems;

    public UsageException(String message) {
        this(List.of(message));
    }

    public UsageException(List<String> problems) {
        super(String.join("\n", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
