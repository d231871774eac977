package io.steadfast.definitions;

import java.util.List;
import java.util.Objects;

/**
 * What a load produced: every definition that loaded without error, and every error found, sorted
 * by file, line and column. A definition with an error (or one that extends a definition with an error) is left out of
 * {@code definitions}.
 */
public record LoadResult(Definitions definitions, List<DefinitionError> errors) {

    public LoadResult {
        Objects.requireNonNull(definitions, "definitions");
        errors = List.copyOf(errors);
    }

    /** True when no error was found. */
    public boolean ok() {
        return errors.isEmpty();
    }
}
