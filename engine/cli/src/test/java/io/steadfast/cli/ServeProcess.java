package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code steadfast serve} from the packaged jar, as a process of its own, its output in a log file. */
final class ServeProcess implements AutoCloseable {

    /** The collector the {@code steadfast} launcher runs every command on, serve included. */
    static final String GC = "-XX:+UseZGC";

    private static final Pattern HTTP = Pattern.compile("HTTP API and dashboard at (https?://\\S+/);");

    private final Process process;
    private final Path log;

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts serve with the shipped definitions and the given options and environment; does not wait. */
    static ServeProcess start(Path log, Map<String, String> env, String... options) {
        Path root = CliHarness.repositoryRoot();
        List<String> command = new ArrayList<>(List.of("java", GC, "-Xmx512m", "-jar",
                root.resolve("engine/cli/target/steadfast.jar").toString(), "serve", "--port", "0",
                "--suites", root.resolve("test-suites").toString(), "--rules", root.resolve("scoring-rules").toString()));
        command.addAll(List.of(options));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            return new ServeProcess(builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start serve", e);
        }
    }

    /** Waits until it says it serves. */
    ServeProcess awaitServing() {
        await().atMost(Duration.ofSeconds(90)).until(() -> output().contains("serving:") || !process.isAlive());
        assertThat(output()).as(this::output).contains("serving: ingesting results from Kafka at ");
        return this;
    }

    /** The base URI of its HTTP API and dashboard, as it announced it once serving. */
    URI http() {
        Matcher matcher = HTTP.matcher(output());
        assertThat(matcher.find()).as(this::output).isTrue();
        return URI.create(matcher.group(1));
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits for the end: nothing of the process runs after this. */
    int kill() throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return process.exitValue();
    }

    /** SIGTERM, and waits up to a minute for the graceful stop. */
    void terminate() throws InterruptedException {
        process.destroy();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("stopped within a minute of SIGTERM").isTrue();
    }

    String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
