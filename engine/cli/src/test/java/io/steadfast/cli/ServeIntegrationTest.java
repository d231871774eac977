package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steadfast.app.kafka.Topic;
import io.steadfast.cli.wiring.internal.ClusterClientSettings;
import io.steadfast.connectors.kafka.DeadLetterHeaders;
import io.steadfast.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steadfast serve} as a separate process on its embedded broker, one for the class: results
 * published with {@code results publish --kafka-bootstrap} are ingested and scored; with
 * {@code --wait} a gate right after counts them; {@code dlq list|replay} show and re-feed dead
 * letters; SIGTERM shuts it down in order.
 */
class ServeIntegrationTest {

    @TempDir
    static Path temp;

    private static Path data;
    private static Path log;
    private static Process serve;
    private static String bootstrap;
    private static CliHarness cli;

    @BeforeAll
    static void startServe() throws IOException {
        Path root = CliHarness.repositoryRoot();
        data = temp.resolve("data");
        int port = freePort();
        bootstrap = "127.0.0.1:" + port;
        log = temp.resolve("serve.log");
        serve = new ProcessBuilder("java", ServeProcess.GC, "-jar", root.resolve("engine/cli/target/steadfast.jar").toString(),
                "serve", "--port", "0", "--embedded-kafka-port", Integer.toString(port), "--data-dir", data.toString(),
                "--suites", root.resolve("test-suites").toString(), "--rules", root.resolve("scoring-rules").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(90)).until(() -> output().contains("serving:") || !serve.isAlive());
        assertThat(output()).as(ServeIntegrationTest::output).contains("serving: ingesting results from Kafka at " + bootstrap);
        cli = new CliHarness(data);
        for (String id : List.of("api", "web", "dlq")) {
            Path service = cli.write(id + ".yaml", """
                    apiVersion: steadfast/v1
                    kind: Service
                    id: %s
                    team: core
                    tier: tier-2
                    environment: production
                    instances: [{id: i-1, zone: a}]
                    """.formatted(id));
            assertThat(cli.run("services", "register", service.toString()).exitCode()).isZero();
        }
    }

    @AfterAll
    static void stopServe() throws InterruptedException {
        if (serve == null) {
            return;
        }
        serve.destroy();
        assertThat(serve.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(output()).as(ServeIntegrationTest::output).contains("stopped").doesNotContain("Exception");
    }

    @Test
    void shouldIngestResultsPublishedToKafka() {
        Instant at = Instant.now().minusSeconds(600);
        String cpu = CliHarness.result("api", "cpu", "", "PASSED", at, null);
        String memory = CliHarness.result("api", "memory", "", "PASSED", at, null);
        Path results = cli.write("api-results.jsonl", cpu + "\n" + memory + "\n");

        CliHarness.Run publish = cli.run("results", "publish", results.toString(), "--kafka-bootstrap", bootstrap);

        assertThat(publish.exitCode()).as(publish.err()).isZero();
        assertThat(publish.out()).contains("published 2 to Kafka at " + bootstrap);
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(List.of(id(cpu), id(memory))));
        assertThat(cli.run("score", "api").out()).doesNotContain("NO_DATA");
    }

    @Test
    void shouldRescoreEveryServiceAtStart() {
        Matcher served = Pattern.compile("HTTP API and dashboard at (http://[^ ]+/);").matcher(output());
        assertThat(served.find()).as(ServeIntegrationTest::output).isTrue();
        URI metrics = URI.create(served.group(1) + "metrics");
        HttpClient http = HttpClient.newHttpClient();

        await().atMost(Duration.ofSeconds(60)).until(() -> http.send(HttpRequest.newBuilder(metrics).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("steadfast_tick_runs_total 1.0"));
    }

    @Test
    void shouldReturnFromPublishWithWaitOnlyOnceAGateCountsTheResults() {
        Instant at = Instant.now().minusSeconds(600);
        Path results = cli.write("web-results.jsonl", String.join("\n",
                CliHarness.result("web", "cpu", "", "PASSED", at, null),
                CliHarness.result("web", "memory", "", "PASSED", at, null),
                CliHarness.result("web", "host", "", "PASSED", at, null),
                CliHarness.result("web", "zone", "a", "FAILED", at, null)));

        CliHarness.Run publish = cli.run("results", "publish", results.toString(), "--kafka-bootstrap", bootstrap,
                "--wait");
        CliHarness.Run gate = cli.run("gate", "web", "--kafka-bootstrap", bootstrap);

        assertThat(publish.exitCode()).as(publish.err()).isZero();
        assertThat(publish.out()).contains("stored and scored 4, rejected 0");
        assertThat(gate.exitCode()).as(gate.out()).isZero();
        assertThat(gate.out()).startsWith("gate PASS").contains("75.0 / 100  WARN");
        assertThat(Topic.read(client(), "steadfast.gates")).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("web");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"outcome\":\"PASS\"");
        });
    }

    @Test
    void shouldExitTwoWhenTheWaitRunsOut() {
        CliHarness elsewhere = new CliHarness(temp.resolve("a-store-serve-does-not-write"));
        Path results = elsewhere.write("late.jsonl",
                CliHarness.result("api", "host", "", "PASSED", Instant.now().minusSeconds(60), null));

        CliHarness.Run publish = elsewhere.run("results", "publish", results.toString(), "--kafka-bootstrap",
                bootstrap, "--kafka-properties", data.resolve("kafka/client.properties").toString(), "--wait",
                "--wait-timeout", "1s");

        assertThat(publish.exitCode()).isEqualTo(2);
        assertThat(publish.err()).contains("error: published results must be stored and scored within --wait-timeout 1s,"
                + " but 1 of 1 were not (is 'steadfast serve' ingesting from " + bootstrap + " into this store?)");
    }

    @Test
    void shouldListDeadLettersAndReplayOneOnceItCanBeIngested() throws Exception {
        send("steadfast.results", "dlq", "this is not JSON".getBytes(StandardCharsets.UTF_8), new RecordHeaders());
        await().atMost(Duration.ofSeconds(60)).until(() -> cli.run("dlq", "list", "--kafka-bootstrap", bootstrap)
                .out().contains("this is not JSON"));
        // A good result that an earlier engine rejected (a bug since fixed): on the DLQ as the engine puts it there.
        String good = CliHarness.result("dlq", "cpu", "", "PASSED", Instant.now().minusSeconds(60), null);
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeadLetterHeaders.REASON, "rejected by an earlier version".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.TOPIC, "steadfast.results".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.PARTITION, "0".getBytes(StandardCharsets.UTF_8));
        headers.add(DeadLetterHeaders.OFFSET, "999".getBytes(StandardCharsets.UTF_8));
        RecordMetadata letter = send("steadfast.results.dlq", "dlq", good.getBytes(StandardCharsets.UTF_8), headers);

        CliHarness.Run list = cli.run("dlq", "list", "--kafka-bootstrap", bootstrap);

        assertThat(list.exitCode()).as(list.err()).isZero();
        assertThat(list.out()).containsPattern("\\d+@\\d+  from steadfast\\.results-\\d+@\\d+  key dlq")
                .contains("reason: ").contains("must be valid JSON").contains("value:  this is not JSON")
                .contains(letter.partition() + "@" + letter.offset() + "  from steadfast.results-0@999  key dlq")
                .contains("reason: rejected by an earlier version")
                .containsPattern("\\d+ dead letter\\(s\\) at " + Pattern.quote(bootstrap));
        assertThat(stored(List.of(id(good)))).isFalse();

        CliHarness.Run replay = cli.run("dlq", "replay", "--kafka-bootstrap", bootstrap,
                "--partition", Integer.toString(letter.partition()), "--offset", Long.toString(letter.offset()));

        assertThat(replay.exitCode()).as(replay.err()).isZero();
        assertThat(replay.out()).contains("replayed 1 dead letter(s) to the results topic at " + bootstrap);
        await().atMost(Duration.ofSeconds(60)).until(() -> stored(List.of(id(good))));

        int before = letters(cli.run("dlq", "list", "--kafka-bootstrap", bootstrap).out());
        CliHarness.Run all = cli.run("dlq", "replay", "--kafka-bootstrap", bootstrap);
        assertThat(all.out()).contains("replayed " + before + " dead letter(s)");
        // the poison record is still poison: dead-lettered again, now from where the replay put it
        await().atMost(Duration.ofSeconds(60)).until(() -> letters(cli.run("dlq", "list", "--kafka-bootstrap",
                bootstrap).out()) > before);
        CliHarness.Run missing = cli.run("dlq", "replay", "--kafka-bootstrap", bootstrap, "--offset", "100000");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--offset must name a dead letter, but 100000 is not on the dead-letter topic");
    }

    private static int letters(String listOutput) {
        Matcher m = Pattern.compile("(\\d+) dead letter\\(s\\) at").matcher(listOutput);
        assertThat(m.find()).as(listOutput).isTrue();
        return Integer.parseInt(m.group(1));
    }

    /** What the CLI uses for serve's embedded broker: its address and the credential in the data directory. */
    private static Map<String, String> client() {
        return ClusterClientSettings.of(bootstrap, null, data.resolve("kafka"));
    }

    private static RecordMetadata send(String topic, String key, byte[] value, RecordHeaders headers) throws Exception {
        Map<String, Object> props = new HashMap<>(client());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(topic, null, null, key, value, headers)).get();
        }
    }

    private static boolean stored(List<String> ids) {
        try (Store store = Store.open(Store.defaultUrl(data), null, null)) {
            return ids.stream().allMatch(id -> store.result(id).isPresent());
        }
    }

    private static String id(String json) {
        int start = json.indexOf("\"resultId\":\"") + 12;
        return json.substring(start, json.indexOf('"', start));
    }

    private static String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
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
