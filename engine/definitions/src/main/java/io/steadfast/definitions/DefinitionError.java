package io.steadfast.definitions;

/**
 * One problem found while loading definition files.
 *
 * <p>{@link #toString()} gives the one-line formula every error is reported in:
 * {@code <file>:<line>:<col>: <path>: <rule>, but was <value>}, for example
 * {@code scoring-rules/x.yaml:7:15: thresholds.warn: must be <= thresholds.pass (80), but was 90}.
 *
 * @param file    the file as it was given (or the origin passed to {@link DefinitionLoader#loadText})
 * @param line    1-based line of the offending node (the key for an unknown or repeated key)
 * @param column  1-based column of the offending node
 * @param path    where inside the document, e.g. {@code tests[2].fault.latencyMs}; {@code (yaml)} for a syntax error
 * @param message the rule and the bad value: {@code <rule>, but was <value>}
 */
public record DefinitionError(String file, int line, int column, String path, String message) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + path + ": " + message;
    }
}
