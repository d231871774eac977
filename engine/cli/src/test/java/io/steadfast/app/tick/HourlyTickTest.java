package io.steadfast.app.tick;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.multibindings.OptionalBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Engine;
import io.steadfast.app.Settings;
import io.steadfast.testing.FakeClock;
import io.steadfast.cli.wiring.SteadfastModule;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.spi.event.GateEvent;
import io.steadfast.spi.event.ScoreEvent;
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
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hourly tick on an H2 store in a data directory, with a clock the test moves: a score that time
 * alone moves is recorded and announced at the tick, an unchanged one is not, and of two engines on
 * one store only one ticks within the hour.
 */
class HourlyTickTest {

    private static final String SERVICE = """
            apiVersion: steadfast/v1
            kind: Service
            id: api
            team: core
            tier: tier-2
            environment: production
            instances: [{id: api-1, zone: a}]
            """;

    @TempDir
    Path dataDir;

    private final FakeClock clock = new FakeClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final List<Engine> engines = new CopyOnWriteArrayList<>();
    private final List<HourlyTick> ticks = new CopyOnWriteArrayList<>();

    @BeforeEach
    void registerService() {
        Engine engine = engine(new RecordingSink());
        new DefinitionService(settings()).parseServices("api.yaml", SERVICE)
                .forEach(s -> engine.registerService(s, SERVICE, ServiceOrigin.FILE));
    }

    @AfterEach
    void close() {
        ticks.forEach(HourlyTick::stop);
        engines.forEach(Engine::close);
    }

    @Test
    void shouldRecordAndAnnounceAScoreThatDecayedAtTheTick() {
        RecordingSink sink = new RecordingSink();
        Engine engine = engine(sink);
        engine.publish(List.of(result("r-1", "cpu", clock.instant().minus(Duration.ofHours(1)))));
        List<ScoreSnapshot> ingested = engine.store().history("api");
        assertThat(ingested).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() >= 1); // sent after commit, from the outbox
        assertThat(sink.events).hasSize(1);

        clock.advance(Duration.ofDays(20)); // past fullCreditFor (7d), before expiresAfter (30d): decayed
        HourlyTick tick = tick(engine, new SimpleMeterRegistry());
        OptionalInt recorded = tick.tickIfDue();

        assertThat(recorded).hasValue(1);
        List<ScoreSnapshot> history = engine.store().history("api");
        assertThat(history).hasSize(2);
        ScoreSnapshot decayed = history.get(1);
        assertThat(decayed.at()).isEqualTo(clock.instant());
        assertThat(decayed.score()).isLessThan(ingested.get(0).score());
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() >= 2); // sent after commit, from the outbox
        assertThat(sink.events).hasSize(2);
        ScoreEvent announced = sink.events.get(1);
        assertThat(announced.service()).isEqualTo("api");
        assertThat(announced.score()).isEqualByComparingTo(decayed.score());
        assertThat(announced.verdict()).isEqualTo(decayed.verdict().name());
    }

    @Test
    void shouldRecordNothingWhenNoScoreChangedSinceTheLastSnapshot() {
        RecordingSink sink = new RecordingSink();
        Engine engine = engine(sink);
        engine.publish(List.of(result("r-1", "cpu", clock.instant().minus(Duration.ofHours(1)))));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HourlyTick tick = tick(engine, registry);

        assertThat(tick.tickIfDue()).hasValue(0);
        clock.advance(Duration.ofHours(2)); // the result still within fullCreditFor: the same score
        assertThat(tick.tickIfDue()).hasValue(0);

        assertThat(engine.store().history("api")).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() >= 1); // sent after commit, from the outbox
        assertThat(sink.events).hasSize(1);
        assertThat(registry.get("steadfast.tick.runs").counter().count()).isEqualTo(2);
        assertThat(registry.get("steadfast.tick.snapshots").counter().count()).isZero();
    }

    @Test
    void shouldTickOnceAnHourAmongTwoEnginesOnOneStore() {
        Engine first = engine(new RecordingSink());
        Engine second = engine(new RecordingSink());
        first.publish(List.of(result("r-1", "cpu", clock.instant().minus(Duration.ofHours(1)))));
        SimpleMeterRegistry firstMetrics = new SimpleMeterRegistry();
        SimpleMeterRegistry secondMetrics = new SimpleMeterRegistry();
        HourlyTick firstTick = tick(first, firstMetrics);
        HourlyTick secondTick = tick(second, secondMetrics);

        assertThat(firstTick.tickIfDue()).isPresent();
        assertThat(secondTick.tickIfDue()).isEmpty();
        clock.advance(Duration.ofMinutes(58));
        assertThat(firstTick.tickIfDue()).isEmpty(); // its own tick is under an hour old
        assertThat(secondTick.tickIfDue()).isEmpty();

        clock.advance(Duration.ofMinutes(1)); // the lease (the hour less one check) expired
        clock.advance(Duration.ofDays(20));
        assertThat(secondTick.tickIfDue()).hasValue(1);
        assertThat(firstTick.tickIfDue()).isEmpty();

        assertThat(first.store().history("api")).hasSize(2);
        assertThat(firstMetrics.get("steadfast.tick.runs").counter().count()).isEqualTo(1);
        assertThat(firstMetrics.get("steadfast.tick.skipped").counter().count()).isEqualTo(2);
        assertThat(secondMetrics.get("steadfast.tick.runs").counter().count()).isEqualTo(1);
        assertThat(secondMetrics.get("steadfast.tick.snapshots").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldTickAtStart() {
        RecordingSink sink = new RecordingSink();
        Engine engine = engine(sink);
        engine.publish(List.of(result("r-1", "cpu", clock.instant().minus(Duration.ofHours(1)))));
        clock.advance(Duration.ofDays(40)); // expired while no engine ran
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        HourlyTick tick = tick(engine, registry);

        tick.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> registry.get("steadfast.tick.runs").counter().count() == 1);
        assertThat(engine.store().history("api")).hasSize(2);
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.events.size() >= 2); // sent after commit, from the outbox
        assertThat(sink.events).hasSize(2);
    }

    private Settings settings() {
        Path root = repositoryRoot();
        return Settings.resolve(dataDir, null, root.resolve("test-suites"), root.resolve("scoring-rules"), Map.of());
    }

    private Engine engine(RecordingSink sink) {
        Engine engine = Guice.createInjector(new SteadfastModule(settings(), clock), new AbstractModule() {
            @Override
            protected void configure() {
                OptionalBinder.newOptionalBinder(binder(), ScoreEventSink.class).setBinding().toInstance(sink);
            }
        }).getInstance(Engine.class);
        engines.add(engine);
        return engine;
    }

    private HourlyTick tick(Engine engine, SimpleMeterRegistry registry) {
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        HourlyTick tick = new HourlyTick(engine, clock, scheduler, registry);
        ticks.add(tick);
        return tick;
    }

    private static ResultEvent result(String id, String test, Instant finishedAt) {
        return new ResultEvent(ResultEvent.SCHEMA_VERSION, id, "api", "recommended", test, "", ResultStatus.PASSED,
                finishedAt.minusSeconds(60), finishedAt, "1.0.0", "production", "test", null, null, null);
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-suites"))) {
            dir = dir.getParent();
        }
        return dir;
    }

    /** Announcements kept in order. */
    private static final class RecordingSink implements ScoreEventSink {

        final List<ScoreEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public void scoreChanged(ScoreEvent event) {
            events.add(event);
        }

        @Override
        public void gateRecorded(GateEvent event) {
        }
    }
}
