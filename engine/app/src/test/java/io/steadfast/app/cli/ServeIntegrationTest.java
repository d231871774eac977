package io.steadfast.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steadfast.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steadfast serve} as a separate process on its embedded broker: results published with
 * {@code results publish --kafka-bootstrap} are ingested and scored, and SIGTERM shuts it down in order.
 */
class ServeIntegrationTest {

    @TempDir
    Path temp;

    @Test
    void shouldIngestPublishedResultsAndStopInOrderOnSigterm() throws Exception {
        Path root = CliHarness.repositoryRoot();
        Path data = temp.resolve("data");
        int port = freePort();
        Path log = temp.resolve("serve.log");
        Supplier<String> output = () -> read(log);
        Process serve = new ProcessBuilder("java", "-jar", root.resolve("engine/app/target/steadfast.jar").toString(),
                "serve", "--embedded-kafka-port", Integer.toString(port), "--data-dir", data.toString(),
                "--suites", root.resolve("test-suites").toString(), "--rules", root.resolve("scoring-rules").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> output.get().contains("serving:") || !serve.isAlive());
            assertThat(output.get()).as(output).contains("serving: ingesting results from Kafka at 127.0.0.1:" + port);

            CliHarness cli = new CliHarness(data);
            Path service = cli.write("api.yaml", """
                    apiVersion: steadfast/v1
                    kind: Service
                    id: api
                    team: core
                    tier: tier-2
                    environment: production
                    instances: [{id: api-1, zone: a}]
                    """);
            assertThat(cli.run("services", "register", service.toString()).exitCode()).isZero();
            Instant at = Instant.now().minusSeconds(600);
            String cpu = CliHarness.result("api", "cpu", "", "PASSED", at, null);
            String memory = CliHarness.result("api", "memory", "", "PASSED", at, null);
            Path results = cli.write("results.jsonl", cpu + "\n" + memory + "\n");

            CliHarness.Run publish = cli.run("results", "publish", results.toString(),
                    "--kafka-bootstrap", "127.0.0.1:" + port);

            assertThat(publish.exitCode()).as(publish.err()).isZero();
            assertThat(publish.out()).contains("published 2 to Kafka at 127.0.0.1:" + port);
            List<String> ids = List.of(id(cpu), id(memory));
            await().atMost(Duration.ofSeconds(60)).until(() -> stored(data, ids));
            assertThat(cli.run("score", "api").out()).doesNotContain("NO_DATA");
        } finally {
            serve.destroy();
            assertThat(serve.waitFor(90, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(output.get()).as(output).contains("stopped")
                .doesNotContain("Exception");
    }

    private static boolean stored(Path data, List<String> ids) {
        try (Store store = Store.open(Store.defaultUrl(data), null, null)) {
            return ids.stream().allMatch(id -> store.result(id).isPresent());
        }
    }

    private static String id(String json) {
        int start = json.indexOf("\"resultId\":\"") + 12;
        return json.substring(start, json.indexOf('"', start));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
