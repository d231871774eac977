package io.steadfast.definitions.internal;

/** Where a YAML node starts: file name, 1-based line and column. */
public record Position(String file, int line, int column) {

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
