package io.steadfast.app;

import io.steadfast.definitions.DefinitionError;
import java.util.List;

/** A usage error made of definition-loading errors, kept as they were found (file, line, path, rule). */
public final class DefinitionsException extends UsageException {

    private final List<DefinitionError> errors;

    public DefinitionsException(List<DefinitionError> errors) {
        super(errors.stream().map(DefinitionError::toString).toList());
        this.errors = List.copyOf(errors);
    }

    public List<DefinitionError> errors() {
        return errors;
    }
}
