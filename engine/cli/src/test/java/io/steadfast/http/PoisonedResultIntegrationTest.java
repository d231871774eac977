package io.steadfast.http;

import static io.steadfast.http.HttpApiIntegrationTest.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadfast.app.Engine;
import io.steadfast.http.ApiServer.Response;
import io.steadfast.cli.wiring.ConnectorConfig;
import io.steadfast.connectors.kafka.DeadLetterHeaders;
import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.PostgresServer;
import io.steadfast.store.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A result holding a control character, through the real surface (HTTP, Kafka) with the production
 * wiring on an embedded broker, and on the embedded H2 store and a real PostgreSQL: refused at the
 * edge; and a block older versions let in that the database refuses is set aside, shown, counted, and
 * replayed once its bad result is retracted, while the other services' scores keep being recorded.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class PoisonedResultIntegrationTest {

    @Parameter
    TestDatabase database;

    private static Path temp;
    private static ApiServer api;
    private static Engine engine;
    private static String admin;
    private static String viewer;
    private static PostgresServer.Target target;

    @BeforeParameterizedClassInvocation
    static void start(TestDatabase database) throws Exception {
        temp = Files.createTempDirectory("steadfast-poison-");
        target = database.create(temp.resolve("data"));
        Map<String, String> env = new HashMap<>();
        if (target.user() != null) {
            env.put("STEADFAST_DB_USER", target.user());
            env.put("STEADFAST_DB_PASSWORD", target.password());
        }
        api = ApiServer.start(temp, target.url(), env);
        engine = api.engine;
        for (String id : List.of("checkout", "ledger")) {
            api.registerFromFile(id, service(id, "core", ""));
        }
        admin = api.token(Role.ADMIN, null);
        viewer = api.token(Role.VIEWER, null);
    }

    @AfterParameterizedClassInvocation
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void shouldRefuseANulInTheEnvironmentOverHttpWith400AndStoreNothing() throws Exception {
        String id = UUID.randomUUID().toString();

        Response posted = call("POST", "/api/v1/results", admin, result(id, "checkout", "prod\\u0000"));

        assertThat(posted.status()).as(posted.body()).isEqualTo(400);
        JsonNode error = posted.json().get("errors").get(0);
        assertThat(error.get("field").asText()).isEqualTo("environment");
        assertThat(error.get("message").asText())
                .isEqualTo("must not hold control characters, but held U+0000 at index 4");
        assertThat(engine.store().result(id)).isEmpty();
    }

    @Test
    void shouldRefuseANulInTheResultIdWith400NotAServerError() throws Exception {
        Response posted = call("POST", "/api/v1/results", admin, result("r\\u0000x", "checkout", "prod"));

        assertThat(posted.status()).as(posted.body()).isEqualTo(400);
        assertThat(posted.json().get("errors").get(0).get("field").asText()).isEqualTo("resultId");
        assertThat(posted.json().get("errors").get(0).get("message").asText())
                .isEqualTo("must not hold control characters, but held U+0000 at index 1");
    }

    @Test
    void shouldDeadLetterANulInTheEnvironmentFromKafkaWithItsReason() throws Exception {
        KafkaSettings kafka = KafkaSettings.from(api.injector.getInstance(ConnectorConfig.class).settings());
        String id = UUID.randomUUID().toString();
        byte[] record = result(id, "checkout", "prod\\u0000").getBytes(StandardCharsets.UTF_8);

        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(
                Map.<String, Object>copyOf(api.broker.clientProperties()), new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(kafka.resultsTopic(), "checkout", record)).get();
        }

        List<String> reasons = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            reasons.clear();
            deadLetters(kafka.dlqTopic()).stream().filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id))
                    .forEach(r -> reasons.add(header(r, DeadLetterHeaders.REASON)));
            return !reasons.isEmpty();
        });
        assertThat(reasons.get(0)).contains("environment: must not hold control characters, but held U+0000 at index 4");
        assertThat(engine.store().result(id)).isEmpty();
    }

    @Test
    void shouldSetAsideABlockTheDatabaseRefusesKeepScoringTheOthersAndReplayItOnceRetracted() throws Exception {
        // what an older version let in: PostgreSQL refuses U+0000 in text, both databases a value too long for its column
        String poison = database == TestDatabase.POSTGRESQL ? "prod\u0000" : "e".repeat(201);
        Instant finished = Instant.now().minusSeconds(120);
        ResultEvent bad = event("bad-" + UUID.randomUUID(), "checkout", "cpu", poison, finished);
        ResultEvent fine = event("fine-" + UUID.randomUUID(), "checkout", "memory", "production", finished);
        engine.ingest(List.of(bad, fine));
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.store().setAsideCount() == 1);

        String ledger = UUID.randomUUID().toString();
        assertThat(call("POST", "/api/v1/results", admin, result(ledger, "ledger", "production")).status())
                .isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.store().foldedResult(ledger).isPresent());
        await().atMost(Duration.ofSeconds(10)).until(() -> !engine.store().history("ledger").isEmpty());
        assertThat(engine.store().history("checkout")).as("nothing of checkout's block counted").isEmpty();

        Response ready = call("GET", "/ready", null, null);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("fold").asText()).isEqualTo("DEGRADED");
        assertThat(ready.json().get("foldReason").asText()).contains("1 block(s) of results are set aside");
        Response metrics = call("GET", "/metrics", null, null);
        assertThat(metrics.body()).contains("steadfast_fold_set_aside_blocks 1.0")
                .containsPattern("steadfast_fold_set_aside_total [1-9]");
        for (Response open : List.of(ready, metrics)) {
            assertThat(open.body()).doesNotContain("checkout").doesNotContain(bad.resultId());
        }

        assertThat(call("GET", "/api/v1/fold/quarantine", viewer, null).status()).isEqualTo(403);
        JsonNode setAside = call("GET", "/api/v1/fold/quarantine", admin, null).json();
        assertThat(setAside).hasSize(1);
        assertThat(setAside.get(0).get("service").asText()).isEqualTo("checkout");
        assertThat(setAside.get(0).get("results").asInt()).isEqualTo(2);
        assertThat(setAside.get(0).get("reason").asText()).isNotBlank().doesNotContain("\u0000");
        long block = setAside.get(0).get("block").asLong();

        JsonNode rollup = call("GET", "/api/v1/scores", admin, null).json();
        assertThat(rollup.get("ageSeconds").asLong()).isGreaterThanOrEqualTo(0);
        assertThat(rollup.get("asOf").asText()).as("as of the set-aside block's results, which do not count")
                .isEqualTo(setAside.get(0).get("receivedAt").asText());

        Response tooSoon = call("POST", "/api/v1/fold/quarantine/" + block + "/replay", admin, null);
        assertThat(tooSoon.status()).as(tooSoon.body()).isEqualTo(409);
        assertThat(tooSoon.json().get("errors").get(0).get("message").asText())
                .startsWith("block " + block + " must fold once replayed, but failed again");

        Response retract = call("POST", "/api/v1/results/" + bad.resultId() + "/retract", admin,
                "{\"reason\":\"its environment holds a character the store refuses\"}");
        assertThat(retract.status()).as(retract.body()).isEqualTo(200);
        Response replay = call("POST", "/api/v1/fold/quarantine/" + block + "/replay", admin, null);

        assertThat(replay.status()).as(replay.body()).isEqualTo(200);
        assertThat(replay.json().get("folded").asInt()).isEqualTo(2);
        assertThat(engine.store().latestCountedResults("checkout")).containsExactly(fine);
        assertThat(engine.store().history("checkout")).isNotEmpty();
        assertThat(call("GET", "/api/v1/fold/quarantine", admin, null).json()).isEmpty();
        assertThat(call("GET", "/ready", null, null).json().get("fold").asText()).isEqualTo("UP");
        assertThat(call("POST", "/api/v1/fold/quarantine/" + block + "/replay", admin, null).status()).isEqualTo(404);
    }

    @Test
    void shouldReportTheFoldDownWhileItKeepsFailingAndUpOnceItFoldsAgain() throws Exception {
        execute("ALTER TABLE score_snapshots RENAME TO score_snapshots_away"); // recording the scores now fails
        try {
            String id = UUID.randomUUID().toString();
            assertThat(call("POST", "/api/v1/results", admin, result(id, "ledger", "production")).status())
                    .isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/ready", null, null).status() == 503);

            Response ready = call("GET", "/ready", null, null);
            assertThat(ready.json().get("store").asText()).isEqualTo("UP");
            assertThat(ready.json().get("fold").asText()).isEqualTo("DOWN");
            assertThat(ready.json().get("foldReason").asText()).contains("folds failed");
            assertThat(call("GET", "/metrics", null, null).body())
                    .containsPattern("steadfast_fold_failures_total [1-9]")
                    .containsPattern("steadfast_fold_failures_in_a_row [1-9]")
                    .containsPattern("steadfast_fold_lag [1-9]");
            assertThat(engine.store().setAsideCount()).as("a failure to record scores sets nothing aside").isZero();
        } finally {
            execute("ALTER TABLE score_snapshots_away RENAME TO score_snapshots");
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/ready", null, null).status() == 200);
        assertThat(call("GET", "/ready", null, null).json().get("fold").asText()).isEqualTo("UP");
        assertThat(engine.store().foldLag()).isZero();
    }

    // ---- helpers

    private static void execute(String sql) throws Exception {
        try (Connection c = target.connect(); Statement s = c.createStatement()) {
            s.execute(sql);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }
    }

    private static ResultEvent event(String id, String service, String test, String environment, Instant finished) {
        return new ResultEvent(ResultEvent.SCHEMA_VERSION, id, service, "recommended", test, "", ResultStatus.PASSED,
                finished.minusSeconds(30), finished, null, environment, null, null, null, null);
    }

    /** A result event as JSON text; {@code id} and {@code environment} are written in as given (JSON escapes work). */
    private static String result(String id, String service, String environment) {
        Instant finished = Instant.now().minusSeconds(60);
        return "{\"schemaVersion\":1,\"resultId\":\"" + id + "\",\"service\":\"" + service
                + "\",\"suite\":\"recommended\",\"test\":\"cpu\",\"status\":\"PASSED\",\"environment\":\"" + environment
                + "\",\"startedAt\":\"" + finished.minusSeconds(30) + "\",\"finishedAt\":\"" + finished + "\"}";
    }

    private static Response call(String method, String path, String token, String body) throws Exception {
        return api.call(method, path, token, body);
    }

    private static List<ConsumerRecord<String, byte[]>> deadLetters(String topic) {
        Map<String, Object> props = new HashMap<>(api.broker.clientProperties());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
