package io.steadfast.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steadfast.app.Engine;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.connectors.kafka.internal.Topics;
import io.steadfast.scoring.Verdict;
import java.io.File;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result written by a Kafka client that is not ours, Debian's {@code kcat} (librdkafka), is
 * ingested and scored like any other. Fails, never skips, when kcat is missing: {@code .ci/run}
 * installs it ({@code apt-get install -y kcat}).
 */
class KcatIntegrationTest {

    @TempDir
    static Path temp;

    private static Path kcat;
    private static EmbeddedKafka broker;
    private static Pipeline pipeline;

    @BeforeAll
    static void start() {
        kcat = onPath("kcat");
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        // Created as the engine creates them, before kcat could auto-create the results topic with other settings.
        Topics.ensure(KafkaSettings.from(Map.of(KafkaSettings.BOOTSTRAP_SERVERS, broker.bootstrapServers())));
        pipeline = new Pipeline(broker.bootstrapServers(), temp.resolve("data"));
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
    void shouldIngestAndScoreAResultWrittenByKcat() throws Exception {
        String id = UUID.randomUUID().toString();
        String json = "{\"schemaVersion\":1,\"resultId\":\"" + id + "\",\"service\":\"api\",\"suite\":\"recommended\","
                + "\"test\":\"cpu\",\"status\":\"PASSED\",\"finishedAt\":\"" + Instant.now().minusSeconds(60) + "\","
                + "\"source\":\"kcat\"}";

        Process process = new ProcessBuilder(kcat.toString(), "-P", "-b", broker.bootstrapServers(),
                "-t", "steadfast.results", "-k", "api").redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((json + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kcat finished").isTrue();
        String kcatOutput = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as(kcatOutput).isZero();

        Engine engine = pipeline.engine;
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.store().result(id).isPresent());
        assertThat(engine.store().result(id).orElseThrow().source()).isEqualTo("kcat");
        var report = engine.evaluate("api", Engine.ScoreQuery.NOW).report();
        assertThat(report.verdict()).isNotEqualTo(Verdict.NO_DATA);
        assertThat(report.score()).isNotNull();
        // the score change it caused is recorded right after the result (same ingest call)
        await().atMost(Duration.ofSeconds(10)).until(() -> !engine.store().history("api").isEmpty());
    }

    private static Path onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, program)).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new AssertionError("'" + program + "' must be on the PATH for the"
                        + " interoperability test, but was not (PATH=" + path + "); install it with"
                        + " 'apt-get install -y kcat' (.ci/run does)"));
    }
}
