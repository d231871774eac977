package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadfast.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The packaged jar's logging configuration: text by default, JSON lines on request, the level from the environment. */
class StructuredLogsIntegrationTest {

    /** Logs one warning and one info line through the application's logging, as the engine's code does. */
    public static void main(String[] args) {
        if (args.length > 0) {
            LoggerFactory.getLogger("org.eclipse.jetty.http.HttpParser").warn("parsedHeader(Authorization: Bearer {})",
                    args[0]);
            LoggerFactory.getLogger("io.steadfast.store").warn("cannot open 'jdbc:postgresql://app:{}@db/steadfast'",
                    args[0], new IllegalStateException("jdbc:postgresql://db/steadfast?password=" + args[0]));
            return;
        }
        LoggerFactory.getLogger("io.steadfast.app.ingest.IngestLoop").warn("ingest paused: {}", "store unreachable");
        LoggerFactory.getLogger("io.steadfast.app.ingest.IngestLoop").info("resumed");
    }

    @Test
    void shouldWriteOneJsonObjectPerEventWhenAsked() throws Exception {
        List<String> lines = run(Map.of("STEADFAST_LOG_FORMAT", "json"));

        assertThat(lines).hasSize(1);
        JsonNode event = Json.mapper().readTree(lines.get(0));
        assertThat(event.get("level").asText()).isEqualTo("WARN");
        assertThat(event.get("loggerName").asText()).isEqualTo("io.steadfast.app.ingest.IngestLoop");
        assertThat(event.get("formattedMessage").asText()).isEqualTo("ingest paused: store unreachable");
        assertThat(event.get("timestamp").asLong()).isPositive();
    }

    @Test
    void shouldWriteTextAtTheLevelTheEnvironmentSets() throws Exception {
        assertThat(run(Map.of())).singleElement().asString()
                .contains("WARN", "io.steadfast.app.ingest.IngestLoop", "ingest paused: store unreachable");
        assertThat(run(Map.of("STEADFAST_LOG_LEVEL", "INFO"))).hasSize(2).last().asString().contains("INFO", "resumed");
    }

    @Test
    void shouldMaskCredentialsInTextAndJsonAtEveryLevel() throws Exception {
        for (Map<String, String> env : List.of(Map.of("STEADFAST_LOG_LEVEL", "TRACE"),
                Map.of("STEADFAST_LOG_FORMAT", "json", "STEADFAST_LOG_LEVEL", "DEBUG"))) {
            String log = String.join("\n", run(env, "s3cr3t-T0ken"));

            assertThat(log).as("%s", env).contains("Authorization: ***", "app:***@db", "password=***")
                    .doesNotContain("s3cr3t-T0ken");
        }
    }

    private static List<String> run(Map<String, String> env, String... args) throws Exception {
        Path root = CliHarness.repositoryRoot();
        String classpath = root.resolve("engine/cli/target/steadfast.jar") + java.io.File.pathSeparator
                + root.resolve("engine/cli/target/test-classes");
        List<String> command = new java.util.ArrayList<>(List.of("java", "-cp", classpath,
                StructuredLogsIntegrationTest.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("STEADFAST_LOG_FORMAT");
        builder.environment().remove("STEADFAST_LOG_LEVEL");
        builder.environment().putAll(env);
        Process process = builder.start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(err).isZero();
        return err.lines().filter(line -> !line.isBlank()).toList();
    }
}
