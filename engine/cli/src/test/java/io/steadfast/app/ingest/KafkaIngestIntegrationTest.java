package io.steadfast.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.Guice;
import io.steadfast.app.Engine;
import com.google.inject.Injector;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Settings;
import io.steadfast.cli.wiring.SteadfastModule;
import io.steadfast.connectors.kafka.DeadLetterHeaders;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.connectors.kafka.KafkaResultSink;
import io.steadfast.connectors.kafka.KafkaResultSource;
import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.connectors.kafka.internal.Topics;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.results.ResultReader;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.IngestOutcome;
import io.steadfast.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ingest pipeline on a real (embedded) broker and a real H2 store: one broker for the class,
 * one store, topics and consumer group of their own per test. The store outage is simulated with
 * an {@link IngestTarget} in front of the engine that throws {@link StoreUnavailableException}.
 */
class KafkaIngestIntegrationTest {

    private static final Instant T0 = Instant.now().minus(Duration.ofHours(2));

    @TempDir
    static Path temp;

    private static EmbeddedKafka broker;
    private static Engine engine;

    private KafkaSettings settings;
    private IngestLoop loop;

    @BeforeAll
    static void startBrokerAndStore() {
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        Path root = repositoryRoot();
        Settings settings = Settings.resolve(temp.resolve("data"), null, root.resolve("test-suites"),
                root.resolve("scoring-rules"), Map.of());
        Injector injector = Guice.createInjector(new SteadfastModule(settings, Clock.systemUTC()));
        engine = injector.getInstance(Engine.class);
        String service = """
                apiVersion: steadfast/v1
                kind: Service
                id: api
                team: core
                tier: tier-2
                environment: production
                instances: [{id: api-1, zone: a}]
                """;
        injector.getInstance(DefinitionService.class).parseServices("api.yaml", service).forEach(s -> engine.registerService(s, service, ServiceOrigin.FILE));
    }

    @AfterAll
    static void stopBrokerAndStore() {
        if (broker != null) {
            broker.stop();
        }
        if (engine != null) {
            engine.store().close();
        }
    }

    @BeforeEach
    void settingsOfTheirOwn(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName();
        Map<String, String> config = new HashMap<>(broker.clientProperties());
        config.putAll(Map.of(
                KafkaSettings.RESULTS_TOPIC, name,
                KafkaSettings.DLQ_TOPIC, name + ".dlq",
                KafkaSettings.SCORES_TOPIC, name + ".scores",
                KafkaSettings.GROUP_ID, name,
                KafkaSettings.PARTITIONS, "2",
                KafkaSettings.RETRY_BACKOFF_MS, "20",
                KafkaSettings.RETRY_BACKOFF_MAX_MS, "100"));
        settings = KafkaSettings.from(config);
    }

    @AfterEach
    void stopLoop() {
        if (loop != null) {
            loop.stop();
        }
    }

    private void ingest(IngestTarget target) {
        Topics.ensure(settings); // before any raw send, so that the results topic takes records over 1 MiB
        loop = new IngestLoop(new KafkaResultSource(settings, Clock.systemUTC()),
                new ResultIngestHandler(new ResultReader(), target), engine::fold, Clock.systemUTC());
        loop.start();
    }

    @Test
    void shouldStoreAResultDeliveredTwiceOnce() {
        ResultEvent result = result("dup-1", "cpu", ResultStatus.PASSED, T0);
        CountingTarget target = new CountingTarget(IngestTarget.of(engine));
        ingest(target);

        publish(result);
        publish(result);

        await().atMost(Duration.ofSeconds(30)).until(() -> target.seen.get() == 2);
        assertThat(target.stored.get()).isEqualTo(1);
        assertThat(target.duplicates.get()).isEqualTo(1);
        assertThat(engine.store().result("dup-1")).contains(result);
        assertThat(dlq()).isEmpty();
    }

    @Test
    void shouldDeadLetterAConflictingDuplicateWithItsReason() {
        ResultEvent first = result("conflict-1", "memory", ResultStatus.PASSED, T0);
        ResultEvent second = result("conflict-1", "memory", ResultStatus.FAILED, T0);
        ingest(IngestTarget.of(engine));

        publish(first);
        publish(second);

        List<ConsumerRecord<String, byte[]>> dlq = awaitDlq(1);
        assertThat(header(dlq.get(0), DeadLetterHeaders.REASON))
                .contains("resultId 'conflict-1' must identify one result, but its content differs");
        assertThat(new String(dlq.get(0).value(), StandardCharsets.UTF_8)).contains("\"FAILED\"");
        assertThat(engine.store().result("conflict-1")).contains(first);
    }

    @Test
    void shouldScoreResultsArrivingOutOfOrderByFinishedAt() {
        ResultEvent newer = result("order-new", "host", ResultStatus.PASSED, T0.plusSeconds(600));
        ResultEvent older = result("order-old", "host", ResultStatus.FAILED, T0);
        ingest(IngestTarget.of(engine));

        publish(newer);
        publish(older);

        await().atMost(Duration.ofSeconds(30)).until(() -> engine.store().result("order-old").isPresent()
                && engine.store().result("order-new").isPresent());
        List<ResultEvent> latest = engine.store().latestCountedResults(List.of("api")).get("api").stream()
                .filter(r -> r.test().equals("host")).toList();
        assertThat(latest).extracting(ResultEvent::resultId).containsExactly("order-new");
    }

    @Test
    void shouldDeadLetterEachKindOfPoisonRecordAndKeepThePartitionFlowing() {
        String unknownSchema = json(result("poison-schema", "zone", ResultStatus.PASSED, T0))
                .replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        String tooLarge = json(result("poison-large", "zone", ResultStatus.PASSED, T0))
                .replace("\"message\":\"m\"", "\"message\":\"" + "x".repeat(ResultReader.MAX_RECORD_BYTES) + "\"");
        List<byte[]> poison = List.of("this is not JSON".getBytes(StandardCharsets.UTF_8),
                "{\"schemaVersion\":1,\"resultId\":\"poison-invalid\"}".getBytes(StandardCharsets.UTF_8),
                unknownSchema.getBytes(StandardCharsets.UTF_8), tooLarge.getBytes(StandardCharsets.UTF_8));
        ResultEvent good = result("after-poison", "zone", ResultStatus.PASSED, T0);
        ingest(IngestTarget.of(engine));

        poison.forEach(bytes -> send("api", bytes));
        publish(good);

        await().atMost(Duration.ofSeconds(30)).until(() -> engine.store().result("after-poison").isPresent());
        List<ConsumerRecord<String, byte[]>> dlq = awaitDlq(4);
        assertThat(dlq).extracting(ConsumerRecord::value).containsExactlyElementsOf(poison);
        assertThat(dlq).extracting(r -> header(r, DeadLetterHeaders.REASON)).satisfiesExactly(
                reason -> assertThat(reason).contains("must be valid JSON"),
                reason -> assertThat(reason).contains("service: must be a non-empty string"),
                reason -> assertThat(reason).contains("schemaVersion: must be 1"),
                reason -> assertThat(reason).contains("record must be at most 1048576 bytes"));
        assertThat(dlq).allSatisfy(r -> {
            assertThat(header(r, DeadLetterHeaders.TOPIC)).isEqualTo(settings.resultsTopic());
            assertThat(header(r, DeadLetterHeaders.PARTITION)).matches("[01]");
            assertThat(header(r, DeadLetterHeaders.OFFSET)).matches("\\d+");
            assertThat(r.key()).isEqualTo("api");
        });
        assertThat(dlq).extracting(r -> header(r, DeadLetterHeaders.OFFSET)).containsExactly("0", "1", "2", "3");
    }

    @Test
    void shouldNotCommitWhileTheStoreIsDownAndStoreOnceItIsBack() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        CountingTarget target = new CountingTarget(IngestTarget.of(engine));
        ingest(new IngestTarget() {
            @Override
            public IngestOutcome store(List<ResultEvent> results) {
                if (down.get()) {
                    target.failures.incrementAndGet();
                    throw new StoreUnavailableException("store is down (simulated)", null);
                }
                return target.store(results);
            }

            @Override
            public Optional<ResultEvent> stored(String resultId) {
                return target.stored(resultId);
            }
        });

        publish(result("outage-1", "cpu", ResultStatus.PASSED, T0));

        await().atMost(Duration.ofSeconds(30)).until(() -> target.failures.get() >= 3);
        assertThat(committedOffsets()).isEmpty();
        assertThat(engine.store().result("outage-1")).isEmpty();

        down.set(false);

        await().atMost(Duration.ofSeconds(30)).until(() -> engine.store().result("outage-1").isPresent());
        await().atMost(Duration.ofSeconds(30)).until(() -> committedOffsets().values().stream()
                .mapToLong(OffsetAndMetadata::offset).sum() == 1);
        assertThat(target.stored.get()).isEqualTo(1);
    }

    // ---- helpers

    /** Counts what the store did, passing every call on. */
    private static final class CountingTarget implements IngestTarget {

        final IngestTarget delegate;
        final AtomicInteger seen = new AtomicInteger();
        final AtomicInteger stored = new AtomicInteger();
        final AtomicInteger duplicates = new AtomicInteger();
        final AtomicInteger failures = new AtomicInteger();

        CountingTarget(IngestTarget delegate) {
            this.delegate = delegate;
        }

        @Override
        public IngestOutcome store(List<ResultEvent> results) {
            IngestOutcome outcome = delegate.store(results);
            seen.addAndGet(results.size());
            stored.addAndGet(outcome.stored());
            duplicates.addAndGet(outcome.duplicates());
            return outcome;
        }

        @Override
        public Optional<ResultEvent> stored(String resultId) {
            return delegate.stored(resultId);
        }
    }

    private static ResultEvent result(String id, String test, ResultStatus status, Instant finishedAt) {
        return new ResultEvent(ResultEvent.SCHEMA_VERSION, id, "api", "recommended", test, "", status,
                finishedAt.minusSeconds(60), finishedAt, "1.0.0", "production", "test", null, null, "m");
    }

    private static String json(ResultEvent event) {
        return new String(io.steadfast.connectors.kafka.internal.ResultJson.bytes(event), StandardCharsets.UTF_8);
    }

    private void publish(ResultEvent result) {
        try (KafkaResultSink sink = new KafkaResultSink(settings)) {
            sink.publish(List.of(result));
        }
    }

    private void send(String key, byte[] value) {
        Map<String, Object> props = new HashMap<>(broker.clientProperties());
        props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, settings.maxMessageBytes());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(settings.resultsTopic(), key, value)).get();
        } catch (Exception e) {
            throw new AssertionError("could not send a raw record", e);
        }
    }

    private List<ConsumerRecord<String, byte[]>> awaitDlq(int count) {
        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            seen.clear();
            seen.addAll(dlq());
            return seen.size() >= count;
        });
        return seen;
    }

    private List<ConsumerRecord<String, byte[]>> dlq() {
        Map<String, Object> props = new HashMap<>(broker.clientProperties());
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(settings.dlqTopic()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            records.sort(java.util.Comparator.comparingLong(r -> Long.parseLong(header(r, DeadLetterHeaders.OFFSET))));
            return records;
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets() throws Exception {
        try (Admin admin = Admin.create(new HashMap<>(broker.clientProperties()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(admin
                    .listConsumerGroupOffsets(settings.groupId()).partitionsToOffsetAndMetadata().get());
            offsets.values().removeIf(java.util.Objects::isNull);
            return offsets;
        }
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-suites"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
