package io.steadfast.app.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Guice;
import com.google.inject.Injector;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steadfast.app.Engine;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Settings;
import io.steadfast.app.kafka.Topic;
import io.steadfast.testing.FakeClock;
import io.steadfast.cli.wiring.ConnectorsModule;
import io.steadfast.cli.wiring.KafkaClusterModule;
import io.steadfast.cli.wiring.SteadfastModule;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.json.Json;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.ScoreSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly tick with the production wiring on an embedded broker: a score that expired while the
 * clock moved on is announced on {@code steadfast.scores} by the tick, with the figures it recorded.
 */
class HourlyTickIntegrationTest {

    @TempDir
    Path temp;

    @Test
    void shouldAnnounceAnExpiredScoreOnTheScoresTopicAtTheTick() throws Exception {
        EmbeddedKafka.throwInsteadOfHalting();
        EmbeddedKafka broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        FakeClock clock = new FakeClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
        Engine engine = null;
        HourlyTick tick = null;
        try {
            Path root = repositoryRoot();
            Settings settings = Settings.resolve(temp.resolve("data"), null, root.resolve("test-suites"),
                    root.resolve("scoring-rules"), Map.of());
            Injector injector = Guice.createInjector(new SteadfastModule(settings, clock),
                    new KafkaClusterModule(broker.bootstrapServers(), broker.clientPropertiesFile()),
                    new ConnectorsModule());
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
            Engine registering = engine;
            injector.getInstance(DefinitionService.class).parseServices("api.yaml", service)
                    .forEach(s -> registering.registerService(s, service, ServiceOrigin.FILE));
            Instant finished = clock.instant().minus(Duration.ofHours(1));
            engine.publish(List.of(new ResultEvent(ResultEvent.SCHEMA_VERSION, "r-1", "api", "recommended", "cpu", "",
                    ResultStatus.PASSED, finished.minusSeconds(60), finished, "1.0.0", "production", "test", null, null,
                    null)));
            await().atMost(Duration.ofSeconds(60)).until(() -> Topic.read(broker.clientProperties(), "steadfast.scores")
                    .size() == 1);

            clock.advance(Duration.ofDays(40)); // past expiresAfter (30d)
            tick = new HourlyTick(engine, clock, Executors.newSingleThreadScheduledExecutor(), new SimpleMeterRegistry());
            assertThat(tick.tickIfDue()).hasValue(1);

            await().atMost(Duration.ofSeconds(60)).until(() -> Topic.read(broker.clientProperties(), "steadfast.scores")
                    .size() == 2);
            List<ScoreSnapshot> history = engine.store().history("api");
            assertThat(history).hasSize(2);
            ScoreSnapshot expired = history.get(1);
            assertThat(expired.score()).isLessThan(history.get(0).score());
            List<ConsumerRecord<String, byte[]>> events = Topic.read(broker.clientProperties(), "steadfast.scores");
            ConsumerRecord<String, byte[]> last = events.get(1);
            JsonNode event = Json.mapper().readTree(last.value());
            assertThat(last.key()).isEqualTo("api");
            assertThat(event.get("score").decimalValue()).isEqualByComparingTo(expired.score());
            assertThat(event.get("verdict").asText()).isEqualTo(expired.verdict().name());
            assertThat(Instant.parse(event.get("at").asText())).isEqualTo(clock.instant());
        } finally {
            if (tick != null) {
                tick.stop();
            }
            if (engine != null) {
                engine.close();
            }
            broker.stop();
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-suites"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
