package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steadfast.app.kafka.Topic;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.connectors.kafka.internal.ResultJson;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.Store;
import io.steadfast.store.StoredResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
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
 * The engine killed with SIGKILL while it ingests (DESIGN §5, issue 3 item 5): {@code steadfast serve}
 * runs as a child process on a broker that lives in this JVM, so that the broker survives the kill.
 * The test feeds it {@value #DEFAULT_RESULTS} distinct results (and exact duplicates of some of
 * them), kills it once some but not all are stored, starts it again on the same data directory and
 * waits until the consumer group has committed every record. Then every result is stored exactly
 * once, nothing was dead-lettered, and the scores equal a from-scratch recompute: a fresh store loaded
 * with the results as produced (in another order, in one go, never crashed) gives the same scorer
 * input (latest counted result per group, maintained incrementally by the crashed store) and the same
 * {@code score SERVICE --json --at T} output, for every service.
 *
 * <p>The number of results is {@code -Dsteadfast.crashTest.results} (default {@value #DEFAULT_RESULTS}).
 */
class ServeCrashIntegrationTest {

    private static final int DEFAULT_RESULTS = 100_000;
    private static final String RESULTS_TOPIC = "steadfast.results";
    private static final String GROUP = "steadfast-engine";
    /** Registered before the results arrive: each batch that touches one is scored (and snapshotted) as it is stored. */
    private static final List<String> EARLY = List.of("orders", "billing");
    /** Registered once every result is stored: their results count from then on. */
    private static final List<String> LATE = List.of("search", "ledger", "catalog", "payments");
    private static final List<String> ZONES = List.of("a", "b");
    private static final List<ResultStatus> STATUSES = List.of(ResultStatus.PASSED, ResultStatus.PASSED,
            ResultStatus.PASSED, ResultStatus.DEGRADED, ResultStatus.FAILED, ResultStatus.ERROR, ResultStatus.SKIPPED);

    @TempDir
    Path temp;

    private EmbeddedKafka broker;
    private Process serve;
    private Path log;
    private long started;

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null && serve.isAlive()) {
            serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void shouldStoreEveryResultExactlyOnceAndScoreAsARecomputeAfterTheEngineIsKilledMidIngest() throws Exception {
        int count = Integer.getInteger("steadfast.crashTest.results", DEFAULT_RESULTS);
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        Path data = temp.resolve("data");
        CliHarness cli = new CliHarness(data);
        Instant scoredAt = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<ResultEvent> results = results(count, scoredAt, new Random(42));

        started = System.nanoTime();
        startServe(data);
        phase("serve started");
        awaitResultsTopic();
        register(cli, EARLY);
        int sent = produce(results, new Random(7));
        assertThat(sent).isGreaterThan(count);
        phase("produced " + sent + " records");

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(50))
                .until(() -> storedCount(data) >= count / 5 || !serve.isAlive());
        assertThat(serve.isAlive()).as(this::output).isTrue();
        serve.destroyForcibly();
        assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(serve.exitValue()).as("exit status of a SIGKILLed process").isEqualTo(128 + 9);
        long storedAtKill = storedCount(data);
        assertThat(storedAtKill).as("stored when killed").isBetween(1L, count - 1L);
        phase("killed with " + storedAtKill + " stored");

        startServe(data);
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> Topic.lag(broker.clientProperties(), RESULTS_TOPIC, GROUP) == 0 || !serve.isAlive());
        assertThat(serve.isAlive()).as(this::output).isTrue();
        phase("restarted and caught up");
        serve.destroy();
        assertThat(serve.waitFor(90, TimeUnit.SECONDS)).isTrue();

        List<String> stored = storedIds(data);
        Set<String> missing = new TreeSet<>(results.stream().map(ResultEvent::resultId).toList());
        stored.forEach(missing::remove);
        assertThat(missing).as("%d of %d results not stored (%d stored when killed), first of them",
                missing.size(), count, storedAtKill).isEmpty();
        assertThat(stored).as("stored results").hasSize(count);
        phase("all " + count + " stored and committed");
        assertThat(Topic.read(broker.clientProperties(), "steadfast.results.dlq")).as("dead letters").isEmpty();

        Path fresh = temp.resolve("recomputed");
        CliHarness recompute = new CliHarness(fresh);
        register(recompute, EARLY);
        register(recompute, LATE);
        register(cli, LATE);
        List<ResultEvent> shuffled = new ArrayList<>(results);
        Collections.shuffle(shuffled, new Random(11));
        try (Store store = Store.open(Store.defaultUrl(fresh), null, null)) {
            for (int from = 0; from < shuffled.size(); from += 10_000) {
                store.storeResults(shuffled.subList(from, Math.min(shuffled.size(), from + 10_000)), Instant.now());
            }
        }
        phase("recompute loaded");
        assertThat(latestCounted(data)).as("latest counted results, crashed store vs recompute")
                .isEqualTo(latestCounted(fresh));
        for (String service : concat(EARLY, LATE)) {
            String crashed = cli.run("score", service, "--json", "--at", scoredAt.toString()).out();
            assertThat(crashed).contains("\"score\"").doesNotContain("NO_DATA");
            assertThat(crashed).as("score of '%s', crashed store vs recompute", service)
                    .isEqualTo(recompute.run("score", service, "--json", "--at", scoredAt.toString()).out());
        }
        phase("scores compared");
    }

    private void phase(String what) {
        System.out.printf("crash test: %s after %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    /** Distinct results spread over the services' test instances, versions, statuses and the last ten days. */
    private static List<ResultEvent> results(int count, Instant before, Random random) {
        List<String[]> instances = new ArrayList<>();
        for (String test : List.of("cpu", "memory", "host")) {
            instances.add(new String[]{test, ""});
        }
        for (String zone : ZONES) {
            instances.add(new String[]{"zone", zone});
        }
        for (String test : List.of("dependency-failure", "dependency-latency")) {
            instances.add(new String[]{test, "db"});
        }
        List<ResultEvent> results = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String[] instance = instances.get(random.nextInt(instances.size()));
            Instant finishedAt = before.minusMillis(1 + random.nextInt((int) Duration.ofDays(10).toMillis()));
            results.add(new ResultEvent(ResultEvent.SCHEMA_VERSION, "crash-" + i,
                    service(random), "recommended", instance[0], instance[1],
                    STATUSES.get(random.nextInt(STATUSES.size())), finishedAt.minusSeconds(300), finishedAt,
                    random.nextBoolean() ? "1.4.0" : "1.5.0", "production", "crash-test", "run-" + (i / 1000), null,
                    null));
        }
        return results;
    }

    /**
     * A tenth of the results are for the services registered early. Scoring a service after each batch
     * reads all its results, so ingest slows with the early services' share; the late ones keep the
     * test within about a minute and still count in the comparison.
     */
    private static String service(Random random) {
        List<String> services = random.nextInt(10) == 0 ? EARLY : LATE;
        return services.get(random.nextInt(services.size()));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** Produces every result, plus an exact duplicate of an earlier one after every 50th; returns how many were sent. */
    private int produce(List<ResultEvent> results, Random random) throws Exception {
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
            for (Future<RecordMetadata> future : sent) {
                future.get();
            }
        }
        return sent.size();
    }

    private static Future<RecordMetadata> send(KafkaProducer<String, byte[]> producer, ResultEvent result) {
        return producer.send(new ProducerRecord<>(RESULTS_TOPIC, result.service(), ResultJson.bytes(result)));
    }

    private void startServe(Path data) throws IOException {
        Path root = CliHarness.repositoryRoot();
        log = temp.resolve("serve-" + System.nanoTime() + ".log");
        serve = new ProcessBuilder("java", ServeProcess.GC, "-Xmx1g", "-jar", root.resolve("engine/cli/target/steadfast.jar").toString(),
                "serve", "--port", "0", "--kafka-bootstrap", broker.bootstrapServers(),
                "--kafka-properties", broker.clientPropertiesFile().toString(), "--data-dir", data.toString(),
                "--suites", root.resolve("test-suites").toString(), "--rules", root.resolve("scoring-rules").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(90)).until(() -> output().contains("serving:") || !serve.isAlive());
        assertThat(output()).as(this::output).contains("serving: ingesting results from Kafka at "
                + broker.bootstrapServers());
    }

    private static void register(CliHarness cli, List<String> services) {
        for (String id : services) {
            Path file = cli.write(id + ".yaml", """
                    apiVersion: steadfast/v1
                    kind: Service
                    id: %s
                    team: core
                    tier: tier-2
                    environment: production
                    instances: [{id: %s-1, zone: a}, {id: %s-2, zone: b}]
                    dependencies: [{id: db, endpoint: "127.0.0.1:5432"}]
                    """.formatted(id, id, id));
            CliHarness.Run run = cli.run("services", "register", file.toString());
            assertThat(run.exitCode()).as(run.err()).isZero();
        }
    }

    /** The engine creates its topics (with its partition count) as it starts consuming; produce only then. */
    private void awaitResultsTopic() {
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            try (Admin admin = Admin.create(new HashMap<>(broker.clientProperties()))) {
                return admin.listTopics().names().get().contains(RESULTS_TOPIC);
            }
        });
    }

    private static long storedCount(Path data) throws SQLException {
        try (Connection c = DriverManager.getConnection(Store.defaultUrl(data));
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(StoredResults.COUNT)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static List<String> storedIds(Path data) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(Store.defaultUrl(data))) {
            ids.addAll(StoredResults.ids(c));
        }
        return ids;
    }

    private static Map<String, List<ResultEvent>> latestCounted(Path data) {
        try (Store store = Store.open(Store.defaultUrl(data), null, null)) {
            return store.latestCountedResults(List.of());
        }
    }

    private String output() {
        try {
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
