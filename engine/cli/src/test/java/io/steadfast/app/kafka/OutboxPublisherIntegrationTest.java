package io.steadfast.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadfast.app.Engine;
import io.steadfast.app.OutboxPublisher;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.json.Json;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.scoring.Verdict;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.store.OutboxEntry;
import io.steadfast.store.ScoreSnapshot;
import io.steadfast.store.Store;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Score announcements through the store's outbox, with the production wiring on an embedded broker
 * that is stopped while folds run: each fold commits without waiting for the broker, its
 * announcements wait in the outbox, and once the broker is back every one arrives on
 * {@code steadfast.scores}, once per event id, in order per service.
 */
class OutboxPublisherIntegrationTest {

    private static final String SCORES = "steadfast.scores";

    @TempDir
    static Path temp;

    private static EmbeddedKafka broker;
    private static Pipeline pipeline;
    private static Engine engine;

    @BeforeAll
    static void start() {
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        pipeline = new Pipeline(broker, temp.resolve("data"));
        engine = pipeline.engine;
        String web = """
                apiVersion: steadfast/v1
                kind: Service
                id: web
                team: core
                tier: tier-2
                environment: production
                instances: [{id: web-1, zone: a}]
                """;
        pipeline.definitions.parseServices("web.yaml", web).forEach(s -> engine.registerService(s, web, ServiceOrigin.FILE));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void shouldCommitFoldsWhileTheBrokerIsDownAndAnnounceEveryChangeOnceInOrderWhenItIsBack() {
        Instant at = Instant.now().minusSeconds(3600);
        engine.publish(List.of(result("api", 0, ResultStatus.PASSED, at), result("web", 0, ResultStatus.PASSED, at)));
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.store().outboxSize() == 0
                && Topic.read(broker.clientProperties(), SCORES).size() >= 2);
        int before = Topic.read(broker.clientProperties(), SCORES).size();

        broker.stop();
        int folds = 6;
        for (int i = 1; i <= folds; i++) {
            ResultStatus status = i % 2 == 1 ? ResultStatus.FAILED : ResultStatus.PASSED;
            Instant finished = at.plusSeconds(60L * i);
            long started = System.nanoTime();
            engine.publish(List.of(result("api", i, status, finished), result("web", i, status, finished)));
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("fold %d with the broker down", i)
                    .isLessThan(Duration.ofSeconds(1));
        }
        List<OutboxEntry> waiting = engine.store().outbox(1000);
        assertThat(waiting).as("every change waits in the outbox").hasSize(2 * folds);
        Map<String, List<String>> expected = new LinkedHashMap<>();
        waiting.forEach(e -> expected.computeIfAbsent(e.service(), s -> new ArrayList<>()).add(e.eventId()));
        assertThat(expected.keySet()).containsExactly("api", "web");

        broker.start();

        await().atMost(Duration.ofSeconds(120)).until(() -> engine.store().outboxSize() == 0);
        List<ConsumerRecord<String, byte[]>> records = Topic.read(broker.clientProperties(), SCORES);
        List<ConsumerRecord<String, byte[]>> after = records.stream()
                .filter(r -> waiting.stream().anyMatch(e -> e.eventId().equals(eventId(r)))).toList();
        assertThat(records).hasSize(before + 2 * folds);
        assertThat(after).extracting(OutboxPublisherIntegrationTest::eventId).doesNotHaveDuplicates()
                .hasSize(2 * folds);
        for (String service : expected.keySet()) {
            assertThat(after.stream().filter(r -> r.key().equals(service)).map(OutboxPublisherIntegrationTest::eventId))
                    .as("the events of service '%s', in order", service).containsExactlyElementsOf(expected.get(service));
        }
        ConsumerRecord<String, byte[]> lastApi = after.stream().filter(r -> r.key().equals("api"))
                .reduce((a, b) -> b).orElseThrow();
        JsonNode event = read(lastApi);
        assertThat(event.get("service").asText()).isEqualTo("api");
        assertThat(engine.store().history("api")).last()
                .satisfies(s -> assertThat(s.score()).isEqualByComparingTo(event.get("score").decimalValue()));
    }

    @Test
    void shouldLetOnlyTheLeaseHolderDrainAStoreSharedByTwoPublishers() {
        ScoreEventSink sink = pipeline.injector.getInstance(ScoreEventSink.class);
        Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
        try (Store store = Store.open(Store.defaultUrl(temp.resolve("shared")), null, null)) {
            OutboxPublisher first = new OutboxPublisher(store, sink, clock);
            OutboxPublisher second = new OutboxPublisher(store, sink, clock);
            assertThat(first.drain()).isTrue(); // takes the lease
            String one = announce(store, clock, "lease-a", "80.0");

            assertThat(second.drain()).isTrue();
            assertThat(store.outbox(10)).extracting(OutboxEntry::eventId).containsExactly(one);

            assertThat(first.drain()).isTrue();
            assertThat(store.outboxSize()).isZero();
            first.close(); // frees the lease
            String two = announce(store, clock, "lease-a", "60.0");
            assertThat(second.drain()).isTrue();
            assertThat(store.outboxSize()).isZero();
            second.close();

            assertThat(Topic.read(broker.clientProperties(), SCORES).stream().filter(r -> r.key().equals("lease-a"))
                    .map(OutboxPublisherIntegrationTest::eventId)).containsExactly(one, two);
        }
    }

    /** Records a changed score of the service with its announcement, as the engine does; returns its event id. */
    private static String announce(Store store, Clock clock, String service, String score) {
        Instant now = clock.instant();
        long before = store.outboxSize();
        store.recordSnapshots(List.of(new ScoreSnapshot(service, now, "org-default", new BigDecimal(score),
                Verdict.PASS, 0.9)), s -> "{\"schemaVersion\":1,\"service\":\"" + service + "\",\"at\":\"" + now
                + "\",\"standard\":\"org-default\",\"score\":" + score + ",\"verdict\":\"PASS\",\"coverage\":0.9}",
                now);
        List<OutboxEntry> entries = store.outbox(100);
        assertThat(entries).hasSize((int) before + 1);
        return entries.get(entries.size() - 1).eventId();
    }

    private static ResultEvent result(String service, int i, ResultStatus status, Instant finishedAt) {
        return new ResultEvent(ResultEvent.SCHEMA_VERSION, "outbox-" + service + "-" + i, service, "recommended",
                "cpu", "", status, finishedAt.minusSeconds(30), finishedAt, "1.0.0", "production", "test", null,
                null, null);
    }

    private static String eventId(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("eventId");
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static JsonNode read(ConsumerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readTree(record.value());
        } catch (java.io.IOException e) {
            throw new AssertionError("score event must be JSON", e);
        }
    }
}
