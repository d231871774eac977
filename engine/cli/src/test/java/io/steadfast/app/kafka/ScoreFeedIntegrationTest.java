package io.steadfast.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.app.Engine;
import io.steadfast.app.ingest.ScoreFeed;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.store.PostgresServer;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two engines on one PostgreSQL store and one broker, each with the production wiring: what one ingests,
 * the other answers within one second, although it cached the service's inputs just before (the cache
 * keeps them for a second; the score feed drops them as soon as the change is announced).
 */
class ScoreFeedIntegrationTest {

    @TempDir
    Path temp;

    private EmbeddedKafka broker;
    private Pipeline a;
    private Pipeline b;
    private ScoreFeed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.stop();
        }
        for (Pipeline p : new Pipeline[]{a, b}) {
            if (p != null) {
                p.close();
            }
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void shouldAnswerWithWhatAnotherEngineIngestedWithinOneSecond() {
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        PostgresServer.Target db = PostgresServer.shared().newDatabase();
        String url = db.url() + "?user=" + db.user() + "&password=" + db.password();
        a = new Pipeline(broker, temp.resolve("a"), url);
        b = new Pipeline(broker, temp.resolve("b"), url);
        feed = b.injector.getInstance(ScoreFeed.class);
        feed.start();
        Instant now = Instant.now();

        List<String> tests = List.of("cpu", "memory", "host"); // each pass raises the score: a change announced
        for (int round = 1; round <= tests.size(); round++) {
            ScoreReport before = b.engine.evaluate("api", Engine.ScoreQuery.NOW).report();
            Instant cachedAt = Instant.now();
            a.engine.publish(List.of(Pipeline.result("r" + round, tests.get(round - 1), now)));
            Instant published = Instant.now();

            ScoreReport after = before;
            while (equal(after, before) && Duration.between(cachedAt, Instant.now()).toMillis() < 2_000) {
                after = b.engine.evaluate("api", Engine.ScoreQuery.NOW).report();
            }
            Instant seen = Instant.now();

            assertThat(after.score()).as("round %d: score on the other engine", round).isNotEqualTo(before.score());
            assertThat(Duration.between(published, seen)).as("round %d: from the publish until seen", round)
                    .isLessThan(Duration.ofSeconds(1));
            assertThat(seen).as("round %d: seen before the inputs cached at %s expired by themselves", round, cachedAt)
                    .isBefore(cachedAt.plusSeconds(1));
        }
    }

    private static boolean equal(ScoreReport a, ScoreReport b) {
        return a.score() == null ? b.score() == null : a.score().equals(b.score());
    }
}
