package io.steadfast.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import io.steadfast.app.Engine;
import io.steadfast.app.GateService;
import io.steadfast.app.Settings;
import io.steadfast.cli.wiring.SteadfastModule;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.gate.GateDecision;
import io.steadfast.json.Json;
import io.steadfast.model.Standard;
import io.steadfast.scoring.Verdict;
import io.steadfast.spi.ScoreEventSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Score changes and gate decisions announced on {@code steadfast.scores} and {@code steadfast.gates},
 * with the production wiring on an embedded broker: a result ingested through the results topic
 * changes the score and the change is on the scores topic; a recorded gate decision is on the gates
 * topic. Without a broker the engine announces nothing.
 */
class ScoreEventsIntegrationTest {

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
    void shouldAnnounceTheScoreChangeOfAnIngestedResultOnTheScoresTopic() throws Exception {
        Instant finished = Instant.now().minusSeconds(600);
        pipeline.sink().publish(List.of(Pipeline.result("score-event-1", "cpu", finished)));

        await().atMost(Duration.ofSeconds(60)).until(() -> !Topic.read(broker.clientProperties(), "steadfast.scores")
                .isEmpty());

        List<ConsumerRecord<String, byte[]>> events = Topic.read(broker.clientProperties(), "steadfast.scores");
        ConsumerRecord<String, byte[]> last = events.get(events.size() - 1);
        JsonNode event = Json.mapper().readTree(last.value());
        assertThat(last.key()).isEqualTo("api");
        assertThat(event.get("schemaVersion").asInt()).isEqualTo(1);
        assertThat(event.get("service").asText()).isEqualTo("api");
        assertThat(event.get("standard").asText()).isEqualTo("org-default");
        assertThat(event.get("verdict").asText()).isIn("PASS", "WARN", "FAIL");
        assertThat(event.get("score").isNumber()).as(event.toString()).isTrue();
        assertThat(event.get("coverage").asDouble()).isGreaterThan(0);
        assertThat(Instant.parse(event.get("at").asText())).isAfter(finished);
        assertThat(engine.store().history("api")).last()
                .satisfies(s -> assertThat(s.score()).isEqualByComparingTo(event.get("score").decimalValue()));
    }

    @Test
    void shouldAnnounceARecordedGateDecisionOnTheGatesTopic() throws Exception {
        Engine.ScoreQuery query = new Engine.ScoreQuery(null, "2.0.0", "production", null);
        GateDecision decision = pipeline.injector.getInstance(GateService.class).gate(engine.evaluate("api", query), query, Verdict.FAIL,
                Standard.OnNoData.FAIL);

        await().atMost(Duration.ofSeconds(60)).until(() -> Topic.read(broker.clientProperties(), "steadfast.gates")
                .stream().anyMatch(r -> r.value().length > 0 && r.key().equals("api")));

        ConsumerRecord<String, byte[]> record = Topic.read(broker.clientProperties(), "steadfast.gates").get(0);
        GateDecision announced = Json.mapper().readValue(record.value(), GateDecision.class);
        assertThat(announced).isEqualTo(decision);
    }

    @Test
    void shouldAnnounceNothingWithoutABroker() {
        Path root = Pipeline.repositoryRoot();
        Settings settings = Settings.resolve(temp.resolve("plain"), null, root.resolve("test-suites"),
                root.resolve("scoring-rules"), Map.of());
        assertThat(Guice.createInjector(new SteadfastModule(settings, Clock.systemUTC()))
                .getInstance(ScoreEventSink.class)).isSameAs(ScoreEventSink.NONE);
    }
}
