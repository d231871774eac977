package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steadfast demo} end to end, from the packaged jar as a user runs it: real processes, real
 * faults through the proxy and on processes, results through the embedded Kafka broker into the
 * store, a score and a gate. It must show tests passing and failing for real reasons, finish within
 * three minutes, and leave nothing behind.
 */
class DemoIntegrationTest {

    @TempDir
    Path temp;

    @Test
    void shouldRunRealFaultsAndEndWithAnExplainedScoreAndAGate() throws Exception {
        Path root = CliHarness.repositoryRoot();
        Path jar = root.resolve("engine/cli/target/steadfast.jar");
        Path data = temp.resolve("data");
        int kafkaPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            kafkaPort = socket.getLocalPort();
        }
        Process process = new ProcessBuilder("java", "-Dsteadfast.install=" + root, "-jar", jar.toString(), "demo",
                "--data-dir", data.toString(), "--embedded-kafka-port", Integer.toString(kafkaPort))
                .redirectErrorStream(true).start();
        long started = System.nanoTime();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).as(out).isTrue();
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(process.exitValue()).as(out).isZero();
        assertThat(took).as("the demo's running time").isLessThan(Duration.ofMinutes(3));
        assertThat(out).contains("-> PASSED").contains("-> HALTED")
                .contains("== steadfast score checkout --explain").contains("gate ");
        assertThat(out).as("payments' 10-day certificate is judged against 30 days")
                .containsPattern("certificate-expiry\\s+payments\\s+FAILED");
        assertThat(out).as("inventory has a timeout and a fallback: checkout stays up")
                .containsPattern("dependency-failure\\s+inventory\\s+(PASSED|DEGRADED)");
        assertThat(out).as("payments is called with no timeout")
                .containsPattern("dependency-failure\\s+payments\\s+HALTED");
        assertThat(pendingJournalEntries(data)).as("faults left unreverted").isEmpty();
        for (String instance : List.of("checkout-1", "checkout-2", "payments", "inventory")) {
            long pid = Long.parseLong(Files.readString(data.resolve("demo/" + instance + ".pid")).trim());
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
                    .as("demo process %s still running", instance).isFalse();
        }
    }

    private static List<Path> pendingJournalEntries(Path data) throws IOException {
        Path faults = data.resolve("faults");
        if (!Files.isDirectory(faults)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(faults)) {
            return files.toList();
        }
    }
}
