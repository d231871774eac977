package io.steadfast.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.spi.result.ResultEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded broker stopped and started again on the same data directory and port while the
 * ingest loop runs: the engine reconnects by itself, and results produced after the restart are
 * stored (and those from before it are not stored twice).
 */
class BrokerRestartIntegrationTest {

    @TempDir
    static Path temp;

    private static EmbeddedKafka broker;
    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        pipeline = new Pipeline(broker, temp.resolve("data"));
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
    void shouldReconnectAndStoreResultsProducedAfterTheBrokerRestarted() {
        Instant at = Instant.now().minusSeconds(600);
        ResultEvent before = Pipeline.result("before-restart", "cpu", at);
        pipeline.sink().publish(List.of(before));
        await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.engine.store().result(before.resultId()).isPresent());

        broker.stop();
        broker.start();

        ResultEvent after = Pipeline.result("after-restart", "memory", at.plusSeconds(1));
        pipeline.sink().publish(List.of(after));
        await().atMost(Duration.ofSeconds(90)).until(() -> pipeline.engine.store().result(after.resultId()).isPresent());
        assertThat(pipeline.engine.store().results("api")).extracting(ResultEvent::resultId)
                .containsExactlyInAnyOrder("before-restart", "after-restart");
        assertThat(pipeline.ingest.finished()).isNotDone();
    }
}
