package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadfast.app.kafka.Topic;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.connectors.kafka.internal.ResultJson;
import io.steadfast.json.Json;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.PostgresServer;
import io.steadfast.store.Store;
import io.steadfast.store.StoredResults;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scale-out: two {@code steadfast serve} processes (the packaged jar) in one consumer group, on one
 * broker (in this JVM, so that it outlives them) and one real PostgreSQL, credentials from the
 * environment and a password file. Both take partitions; one is SIGKILLed mid-ingest, and its
 * partitions move to the other, which ingests the rest. Then every result is stored exactly once,
 * nothing was dead-lettered, and the scores equal a recompute from scratch (a fresh H2 store loaded
 * with the results as produced, shuffled, in one go).
 */
class ServeScaleOutIntegrationTest {

    private static final int RESULTS = 100_000;
    private static final String GROUP = "steadfast-engine";
    private static final List<String> SERVICES = List.of("orders", "billing", "search", "ledger");
    private static final List<ResultStatus> STATUSES = List.of(ResultStatus.PASSED, ResultStatus.PASSED,
            ResultStatus.DEGRADED, ResultStatus.FAILED, ResultStatus.ERROR, ResultStatus.SKIPPED);

    @TempDir
    Path temp;

    private EmbeddedKafka broker;
    private final List<ServeProcess> serves = new ArrayList<>();

    @AfterEach
    void stop() throws InterruptedException {
        for (ServeProcess serve : serves) {
            serve.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void shouldShareThePartitionsAndStoreEveryResultOnceWhenAnInstanceIsKilled() throws Exception {
        long started = System.nanoTime();
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        PostgresServer.Target db = PostgresServer.shared().newDatabase();
        Path passwordFile = Files.writeString(temp.resolve("db-password"), db.password() + "\n");
        Path kafkaProperties = Files.writeString(temp.resolve("kafka.properties"),
                Files.readString(broker.clientPropertiesFile()) + """
                steadfast.topic.partitions=6
                session.timeout.ms=6000
                heartbeat.interval.ms=1000
                """);
        Map<String, String> env = Map.of("STEADFAST_DB_USER", db.user(),
                "STEADFAST_DB_PASSWORD_FILE", passwordFile.toString());
        for (String name : List.of("a", "b")) {
            serves.add(ServeProcess.start(temp.resolve("serve-" + name + ".log"), env, "--kafka-bootstrap",
                    broker.bootstrapServers(), "--kafka-properties", kafkaProperties.toString(),
                    "--db-url", db.url(), "--data-dir", temp.resolve("data-" + name).toString()));
        }
        serves.forEach(ServeProcess::awaitServing);
        await().atMost(Duration.ofSeconds(30)).until(() -> membersWithPartitions() == 2);
        phase(started, "two members share the partitions");

        String cliUrl = db.url() + "?user=" + db.user() + "&password=" + db.password();
        CliHarness cli = new CliHarness(temp.resolve("cli"));
        register(cli, "--db-url", cliUrl);
        Instant scoredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ResultEvent> results = results(scoredAt, new Random(42));
        produce(results, new Random(7));
        phase(started, "produced");

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> stored(db) >= RESULTS / 4 || !serves.get(0).isAlive());
        assertThat(serves.get(0).isAlive()).as(serves.get(0)::output).isTrue();
        assertThat(serves.get(0).kill()).as("exit status of a SIGKILLed process").isEqualTo(128 + 9);
        long storedAtKill = stored(db);
        phase(started, "killed one with " + storedAtKill + " stored");
        assertThat(storedAtKill).isLessThan(RESULTS);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> Topic.lag(broker.clientProperties(), "steadfast.results", GROUP) == 0
                        || !serves.get(1).isAlive());
        assertThat(serves.get(1).isAlive()).as(serves.get(1)::output).isTrue();
        phase(started, "the other caught up");
        CliHarness.Run token = cli.run("tokens", "create", "--role", "viewer", "--db-url", cliUrl);
        assertThat(token.exitCode()).as(token.err()).isZero();
        Map<String, JsonNode> survivorScores = new HashMap<>();
        for (String service : SERVICES) {
            survivorScores.put(service, score(serves.get(1).http(), service, scoredAt, lastWord(token.out())));
        }
        serves.get(1).terminate();

        Set<String> expected = new HashSet<>();
        results.forEach(r -> expected.add(r.resultId()));
        List<String> ids = storedIds(db);
        assertThat(ids).as("stored results").hasSize(RESULTS);
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
        assertThat(Topic.read(broker.clientProperties(), "steadfast.results.dlq")).as("dead letters").isEmpty();

        Path fresh = temp.resolve("recomputed");
        CliHarness recompute = new CliHarness(fresh);
        register(recompute);
        List<ResultEvent> shuffled = new ArrayList<>(results);
        Collections.shuffle(shuffled, new Random(11));
        try (Store store = Store.open(Store.defaultUrl(fresh), null, null)) {
            store.storeResults(shuffled, Instant.now());
        }
        try (Store shared = db.open(); Store recomputed = Store.open(Store.defaultUrl(fresh), null, null)) {
            assertThat(shared.latestCountedResults(List.of())).as("latest counted, shared store vs recompute")
                    .isEqualTo(recomputed.latestCountedResults(List.of()));
        }
        for (String service : SERVICES) {
            String expectedScore = recompute.run("score", service, "--json", "--at", scoredAt.toString()).out();
            assertThat(expectedScore).contains("\"score\"").doesNotContain("NO_DATA");
            assertThat(cli.run("score", service, "--json", "--at", scoredAt.toString(), "--db-url", cliUrl).out())
                    .as("score of '%s', shared store vs recompute", service).isEqualTo(expectedScore);
            assertThat(survivorScores.get(service))
                    .as("score of '%s' from the surviving instance's API (results of both instances) vs recompute",
                            service)
                    .isEqualTo(Json.mapper().readTree(expectedScore));
        }
        phase(started, "scores compared");
    }

    /** {@code GET /api/v1/scores/SERVICE?at=AT} from one instance, as the JSON it answered. */
    private static JsonNode score(URI http, String service, Instant at, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        http.resolve("api/v1/scores/" + service + "?at=" + at))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static String lastWord(String text) {
        String[] words = text.strip().split("\\s+");
        return words[words.length - 1];
    }

    private static void phase(long started, String what) {
        System.out.printf("scale-out test: %s after %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    private long membersWithPartitions() throws Exception {
        try (Admin admin = Admin.create(new HashMap<>(broker.clientProperties()))) {
            ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(GROUP)).all().get().get(GROUP);
            return group.members().stream().map(MemberDescription::assignment)
                    .filter(a -> !a.topicPartitions().isEmpty()).count();
        }
    }

    private static List<ResultEvent> results(Instant before, Random random) {
        List<String[]> instances = List.of(new String[]{"cpu", ""}, new String[]{"memory", ""},
                new String[]{"host", ""}, new String[]{"zone", "a"}, new String[]{"zone", "b"},
                new String[]{"dependency-failure", "db"}, new String[]{"dependency-latency", "db"});
        List<ResultEvent> results = new ArrayList<>(RESULTS);
        for (int i = 0; i < RESULTS; i++) {
            String[] instance = instances.get(random.nextInt(instances.size()));
            Instant finishedAt = before.minusMillis(1 + random.nextInt((int) Duration.ofDays(10).toMillis()));
            results.add(new ResultEvent(ResultEvent.SCHEMA_VERSION, "scale-" + i,
                    SERVICES.get(random.nextInt(SERVICES.size())), "recommended", instance[0], instance[1],
                    STATUSES.get(random.nextInt(STATUSES.size())), finishedAt.minusSeconds(300), finishedAt,
                    random.nextBoolean() ? "1.4.0" : "1.5.0", "production", "scale-test", null, null, null));
        }
        return results;
    }

    /** Every result, plus an exact duplicate of an earlier one after every 50th. */
    private void produce(List<ResultEvent> results, Random random) throws Exception {
        Map<String, Object> props = new HashMap<>(broker.clientProperties());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < results.size(); i++) {
                sent.add(send(producer, results.get(i)));
                if (i % 50 == 49) {
                    sent.add(send(producer, results.get(random.nextInt(i + 1))));
                }
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }

    private static Future<RecordMetadata> send(KafkaProducer<String, byte[]> producer, ResultEvent result) {
        return producer.send(new ProducerRecord<>("steadfast.results", result.service(), ResultJson.bytes(result)));
    }

    /** Registers every service from one file, in one command. */
    private static void register(CliHarness cli, String... options) {
        StringBuilder yaml = new StringBuilder();
        for (String id : SERVICES) {
            yaml.append("""
                    ---
                    apiVersion: steadfast/v1
                    kind: Service
                    id: %s
                    team: core
                    tier: tier-2
                    environment: production
                    instances: [{id: %s-1, zone: a}, {id: %s-2, zone: b}]
                    dependencies: [{id: db, endpoint: "127.0.0.1:5432"}]
                    """.formatted(id, id, id));
        }
        Path file = cli.write("services.yaml", yaml.toString());
        List<String> args = new ArrayList<>(List.of("services", "register", file.toString()));
        args.addAll(List.of(options));
        CliHarness.Run run = cli.run(args.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private static long stored(PostgresServer.Target db) throws Exception {
        try (Connection c = db.connect(); Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(StoredResults.COUNT)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> storedIds(PostgresServer.Target db) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection c = db.connect()) {
            ids.addAll(StoredResults.ids(c));
        }
        return ids;
    }
}
