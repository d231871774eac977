package io.steadfast.connectors.process.internal;

import io.steadfast.spi.fault.FaultException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs a command to its end, with a timeout, keeping the tail of its standard error. */
public final class Shell {

    private static final int TAIL_CHARS = 2000;

    private Shell() {
    }

    /** How a command ended. */
    public record Result(int exitCode, String stderrTail) {
    }

    /** Runs {@code sh -c command} with {@code env} added to this process's environment. */
    public static Result sh(String command, Map<String, String> env, Duration timeout) {
        return run(List.of("sh", "-c", command), env, timeout);
    }

    /**
     * Runs {@code command}; on timeout kills it and everything it started and throws.
     *
     * @throws FaultException when it cannot be started or does not end within {@code timeout}
     */
    public static Result run(List<String> command, Map<String, String> env, Duration timeout) {
        Path stderr = tempFile();
        try {
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(stderr.toFile());
            builder.environment().putAll(env);
            Process process;
            try {
                process = builder.start();
            } catch (IOException e) {
                throw new FaultException("command " + quoted(command) + " could not be started: " + e.getMessage(), e);
            }
            if (!waitFor(process, timeout)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                waitFor(process, Duration.ofSeconds(10));
                throw new FaultException("command " + quoted(command) + " must end within " + timeout.toSeconds()
                        + "s, but was still running and was killed; stderr: " + tail(stderr));
            }
            return new Result(process.exitValue(), tail(stderr));
        } finally {
            deleteQuietly(stderr);
        }
    }

    /** The command as a person would type it, in quotes. */
    public static String quoted(List<String> command) {
        List<String> shown = command.size() == 3 && command.get(0).equals("sh") && command.get(1).equals("-c")
                ? List.of(command.get(2)) : command;
        return "'" + String.join(" ", shown) + "'";
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new FaultException("interrupted while waiting for a command", e);
        }
    }

    private static Path tempFile() {
        try {
            return Files.createTempFile("steadfast-cmd-", ".stderr");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path file) {
        try {
            String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
            return text.length() <= TAIL_CHARS ? text : "..." + text.substring(text.length() - TAIL_CHARS);
        } catch (IOException e) {
            return "(stderr unreadable: " + e.getMessage() + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file must not hide the command's outcome.
        }
    }
}
