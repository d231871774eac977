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
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A result written by a Kafka client that is not ours, Debian's {@code kcat} (librdkafka), is
 * ingested and scored like any other when it brings the embedded broker's credential, and refused
 * without it. Fails, never skips, when kcat is missing: {@code .ci/run}
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
        Topics.ensure(KafkaSettings.from(broker.clientProperties()));
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
    void shouldIngestAndScoreAResultWrittenByKcat() throws Exception {
        String id = UUID.randomUUID().toString();

        KcatRun run = produce(json(id), "-X", "security.protocol=SASL_PLAINTEXT", "-X", "sasl.mechanisms=PLAIN",
                "-X", "sasl.username=steadfast", "-X", "sasl.password=" + password());

        assertThat(run.exitCode()).as(run.output()).isZero();
        Engine engine = pipeline.engine;
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.store().result(id).isPresent());
        assertThat(engine.store().result(id).orElseThrow().source()).isEqualTo("kcat");
        var report = engine.evaluate("api", Engine.ScoreQuery.NOW).report();
        assertThat(report.verdict()).isNotEqualTo(Verdict.NO_DATA);
        assertThat(report.score()).isNotNull();
        // the score change it caused is recorded right after the result (same ingest call)
        await().atMost(Duration.ofSeconds(10)).until(() -> !engine.store().history("api").isEmpty());
    }

    @Test
    void shouldIngestAResultWrittenByKcatWithTheBrokersConfigFile() throws Exception {
        String id = UUID.randomUUID().toString();

        KcatRun run = produce(json(id), "-F", temp.resolve("kafka").resolve("kcat.conf").toString());

        assertThat(run.exitCode()).as(run.output()).isZero();
        await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.engine.store().result(id).isPresent());
    }

    @Test
    void shouldRefuseAForgedResultFromKcatWithoutTheCredential() throws Exception {
        String plain = UUID.randomUUID().toString();
        String guessed = UUID.randomUUID().toString();

        KcatRun withoutSasl = produce(json(plain));
        KcatRun wrongPassword = produce(json(guessed), "-X", "security.protocol=SASL_PLAINTEXT",
                "-X", "sasl.mechanisms=PLAIN", "-X", "sasl.username=steadfast", "-X", "sasl.password=guessed");

        assertThat(withoutSasl.exitCode()).as(withoutSasl.output()).isNotZero();
        assertThat(wrongPassword.exitCode()).as(wrongPassword.output()).isNotZero();
        assertThat(wrongPassword.output()).contains("Authentication failed");
        String trusted = UUID.randomUUID().toString();
        produce(json(trusted), "-F", temp.resolve("kafka").resolve("kcat.conf").toString());
        // ingest goes in order within the partition: once the later trusted result is in, the forged ones would be too
        await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.engine.store().result(trusted).isPresent());
        assertThat(pipeline.engine.store().result(plain)).isEmpty();
        assertThat(pipeline.engine.store().result(guessed)).isEmpty();
        assertThat(Topic.read(broker.clientProperties(), "steadfast.results")).extracting(r -> new String(r.value(),
                StandardCharsets.UTF_8)).noneMatch(v -> v.contains(plain) || v.contains(guessed));
    }

    private record KcatRun(int exitCode, String output) {
    }

    /** Runs {@code kcat -P} with the extra arguments, writing one line keyed {@code api} to the results topic. */
    private static KcatRun produce(String line, String... extra) throws Exception {
        List<String> command = new ArrayList<>(List.of(kcat.toString(), "-P", "-b", broker.bootstrapServers(),
                "-t", "steadfast.results", "-k", "api", "-X", "message.timeout.ms=5000"));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("kcat finished").isTrue();
        return new KcatRun(process.exitValue(), new String(process.getInputStream().readAllBytes(),
                StandardCharsets.UTF_8));
    }

    private static String json(String id) {
        return "{\"schemaVersion\":1,\"resultId\":\"" + id + "\",\"service\":\"api\",\"suite\":\"recommended\","
                + "\"test\":\"cpu\",\"status\":\"PASSED\",\"finishedAt\":\"" + Instant.now().minusSeconds(60) + "\","
                + "\"source\":\"kcat\"}";
    }

    /** The embedded broker's password, as a user reads it from {@code kcat.conf}. */
    private static String password() throws Exception {
        Properties conf = new Properties();
        try (var reader = Files.newBufferedReader(temp.resolve("kafka").resolve("kcat.conf"))) {
            conf.load(reader);
        }
        return conf.getProperty("sasl.password");
    }

    private static Path onPath(String program) {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator)).map(dir -> Path.of(dir, program)).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new AssertionError("'" + program + "' must be on the PATH for the"
                        + " interoperability test, but was not (PATH=" + path + "); install it with"
                        + " 'apt-get install -y kcat' (.ci/run does)"));
    }
}
