package io.steadfast.connectors.process.internal;

import io.steadfast.spi.fault.FaultException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What Linux's {@code /proc} says about processes and the host, and signals sent with {@code kill}. */
public final class Proc {

    private static final Duration KILL_TIMEOUT = Duration.ofSeconds(10);

    private Proc() {
    }

    /**
     * A process's {@code /proc/PID/stat}, the fields used here.
     *
     * @param state     field 3: {@code R}, {@code S}, {@code T} (stopped), {@code Z} (zombie), ...
     * @param startTime field 22: when it started, in clock ticks since boot; with the PID, it names
     *                  one process for the life of the host
     * @param cpuTicks  fields 14 and 15: user and system time so far, in clock ticks
     */
    public record Stat(long pid, char state, long startTime, long cpuTicks) {

        /** Whether it is still a process that can run (neither zombie nor dead). */
        public boolean alive() {
            return state != 'Z' && state != 'X' && state != 'x';
        }
    }

    /** The process's stat, or empty when there is no process with that PID. */
    public static Optional<Stat> stat(long pid) {
        String text;
        try {
            text = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            // The process ended while it was being read: /proc gives ESRCH rather than ENOENT.
            if (Files.notExists(Path.of("/proc", Long.toString(pid)))) {
                return Optional.empty();
            }
            throw new FaultException("'/proc/" + pid + "/stat' must be readable, but was not: " + e.getMessage(), e);
        }
        return Optional.of(parseStat(pid, text));
    }

    /** Parses a {@code /proc/PID/stat} line; the command name (field 2) may hold spaces and parentheses. */
    static Stat parseStat(long pid, String text) {
        int end = text.lastIndexOf(')');
        String[] fields = text.substring(end + 2).trim().split(" ");
        // fields[0] is field 3 of the file, so field n is fields[n - 3].
        return new Stat(pid, fields[0].charAt(0), Long.parseLong(fields[19]),
                Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
    }

    /** The host's memory, {@code MemTotal} of {@code /proc/meminfo}, in bytes. */
    public static long memTotalBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException e) {
            throw new FaultException("'/proc/meminfo' must be readable, but was not: " + e.getMessage(), e);
        }
        throw new FaultException("'/proc/meminfo' must have a MemTotal line, but had none");
    }

    /**
     * Sends {@code signal} ({@code STOP}, {@code CONT}, ...) with {@code kill}.
     *
     * @throws FaultException when {@code kill} fails
     */
    public static void kill(String signal, long pid) {
        Shell.Result result = Shell.run(List.of("kill", "-" + signal, Long.toString(pid)), Map.of(), KILL_TIMEOUT);
        if (result.exitCode() != 0) {
            throw new FaultException("'kill -" + signal + " " + pid + "' must exit 0, but exited "
                    + result.exitCode() + ": " + result.stderrTail());
        }
    }
}
