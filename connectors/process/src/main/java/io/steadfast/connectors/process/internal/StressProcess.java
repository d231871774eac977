package io.steadfast.connectors.process.internal;

import io.steadfast.spi.fault.FaultException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A process putting pressure on the host, which ends by itself once its lease runs out: the
 * {@link Burner} (renewed with a line on its standard input) or {@code stress-ng} (started again
 * with the new lease as its {@code --timeout}).
 */
public final class StressProcess {

    private static final Duration BURNER_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration EARLY_EXIT_WINDOW = Duration.ofMillis(500);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    private static final int OUTPUT_LINES = 20;

    private final Function<Duration, List<String>> command;
    private final boolean burner;
    private Process process;
    private boolean stopped;

    private StressProcess(Function<Duration, List<String>> command, boolean burner) {
        this.command = command;
        this.burner = burner;
    }

    /**
     * Starts the process and returns once the pressure is on.
     *
     * @param command the command line for a lease
     * @param burner  whether it is the {@link Burner}, which says when it is ready and is renewed on
     *                its standard input
     */
    public static StressProcess start(Function<Duration, List<String>> command, boolean burner, Duration lease) {
        StressProcess stress = new StressProcess(command, burner);
        stress.process = stress.launch(lease);
        return stress;
    }

    /**
     * Keeps the pressure on for {@code lease} from now.
     *
     * @throws FaultException when it was stopped, or ended by itself
     */
    public synchronized void renew(Duration lease) {
        if (stopped) {
            throw new FaultException("stress process must be running to renew its lease, but was reverted");
        }
        if (!process.isAlive()) {
            throw new FaultException("stress process " + process.pid() + " must be running to renew its lease, but "
                    + "exited with " + process.exitValue() + " (its lease ran out unrenewed)");
        }
        if (burner) {
            try {
                OutputStream stdin = process.getOutputStream();
                stdin.write((lease.toMillis() + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
            } catch (IOException e) {
                throw new FaultException("stress process " + process.pid() + " must take a renewal, but its input "
                        + "failed: " + e.getMessage(), e);
            }
        } else {
            // stress-ng cannot extend its --timeout: it is replaced by one with the new lease.
            kill(process);
            process = launch(lease);
        }
    }

    /** Kills the process and waits for it and its children to end; calling it again does nothing. */
    public synchronized void stop() {
        if (!stopped) {
            kill(process);
            stopped = true;
        }
    }

    private Process launch(Duration lease) {
        List<String> line = command.apply(lease);
        Process started;
        try {
            started = new ProcessBuilder(line).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new FaultException("stress command " + Shell.quoted(line) + " could not be started: "
                    + e.getMessage(), e);
        }
        Output output = new Output(started);
        try {
            if (burner) {
                output.ready.get(BURNER_READY_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } else if (started.waitFor(EARLY_EXIT_WINDOW.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new FaultException("stress command " + Shell.quoted(line) + " must keep running, but exited "
                        + "with " + started.exitValue() + ": " + output.tail());
            }
            return started;
        } catch (ExecutionException | TimeoutException e) {
            kill(started);
            throw new FaultException("stress command " + Shell.quoted(line) + " must say '" + Burner.READY
                    + "' within " + BURNER_READY_TIMEOUT.toSeconds() + "s, but did not: " + output.tail(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            kill(started);
            throw new FaultException("interrupted while starting stress command " + Shell.quoted(line), e);
        } catch (FaultException e) {
            kill(started);
            throw e;
        }
    }

    private static void kill(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // Closing its input only hurries it; the signals below end it either way.
        }
        List<ProcessHandle> all = new java.util.ArrayList<>(process.descendants().toList());
        all.add(0, process.toHandle());
        all.forEach(ProcessHandle::destroy);
        if (!awaitEnd(all)) {
            all.forEach(ProcessHandle::destroyForcibly);
            if (!awaitEnd(all)) {
                throw new FaultException("stress process " + process.pid() + " must end once killed, but was still "
                        + "running after " + 2 * STOP_TIMEOUT.toSeconds() + "s");
            }
        }
    }

    private static boolean awaitEnd(List<ProcessHandle> processes) {
        long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
        for (ProcessHandle handle : processes) {
            try {
                handle.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                return false;
            } catch (ExecutionException e) {
                throw new FaultException("waiting for process " + handle.pid() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Reads a process's output on a daemon thread: notes when it is ready, keeps the last lines. */
    private static final class Output {

        final CompletableFuture<Void> ready = new CompletableFuture<>();
        private final Deque<String> lines = new ArrayDeque<>();

        Output(Process process) {
            Thread reader = new Thread(() -> read(process), "stress-output-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        private void read(Process process) {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.equals(Burner.READY)) {
                        ready.complete(null);
                    } else {
                        remember(line);
                    }
                }
            } catch (IOException e) {
                remember("(output unreadable: " + e.getMessage() + ")");
            }
            ready.completeExceptionally(new IOException("output ended"));
        }

        private synchronized void remember(String line) {
            lines.addLast(line);
            if (lines.size() > OUTPUT_LINES) {
                lines.removeFirst();
            }
        }

        synchronized String tail() {
            return lines.isEmpty() ? "(no output)" : String.join(" | ", lines);
        }
    }
}
