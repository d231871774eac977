package io.steadfast.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Whether an operator asked every run to stop now ({@code steadfast halt}). The runner asks at every
 * probe, so a halt reverts the active fault within one health-check interval.
 */
public interface HaltSignal {

    HaltSignal NEVER = () -> false;

    boolean requested();

    /**
     * A halt requested through a file (any process on the machine can write it): requested when the
     * file was written at or after {@code since}, the start of the run that asks.
     */
    static HaltSignal file(Path file, Instant since) {
        return () -> {
            try {
                return Files.exists(file) && !Files.getLastModifiedTime(file).toInstant().isBefore(since);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read halt file " + file, e);
            }
        };
    }

    /** Asks every run that watches {@code file} to halt. */
    static void request(Path file, Instant at) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, at.toString());
            Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(at));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write halt file " + file, e);
        }
    }
}
