package io.steadfast.cli;

import io.steadfast.app.UsageException;
import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** A file read whole as UTF-8, with a user error (not a stack trace) when it cannot be read. */
record TextFile(String origin, String text) {

    static TextFile read(Path path) {
        try {
            return new TextFile(path.toString(), Files.readString(path));
        } catch (NoSuchFileException e) {
            throw new UsageException("file '" + path + "' must exist, but was not found");
        } catch (MalformedInputException e) {
            throw new UsageException("file '" + path + "' must be UTF-8 text, but was not");
        } catch (IOException e) {
            throw new UsageException("file '" + path + "' could not be read: " + e.getMessage());
        }
    }
}
