package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar, run as a separate process the way a CI job runs it: exit codes and the JUnit report. */
class LauncherIntegrationTest {

    @TempDir
    Path temp;

    private record Exit(int code, String out) {
    }

    private Exit steadfast(String... args) throws IOException, InterruptedException {
        Path root = CliHarness.repositoryRoot();
        Path jar = root.resolve("engine/cli/target/steadfast.jar");
        assertThat(jar).as("the packaged jar (mvn package runs before integration tests)").exists();
        List<String> command = new ArrayList<>(List.of("java", "-jar", jar.toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--data-dir", temp.resolve("data").toString(), "--suites",
                root.resolve("test-suites").toString(), "--rules", root.resolve("scoring-rules").toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Exit(process.exitValue(), out);
    }

    @Test
    void shouldExitZeroOneAndTwoAsDocumented() throws Exception {
        Path service = Files.writeString(temp.resolve("api.yaml"), """
                apiVersion: steadfast/v1
                kind: Service
                id: api
                team: core
                tier: tier-2
                environment: production
                instances: [{id: api-1, zone: a}]
                """);
        Instant at = Instant.now().minusSeconds(600);
        Path results = Files.writeString(temp.resolve("results.jsonl"), String.join("\n",
                CliHarness.result("api", "cpu", "", "PASSED", at, null),
                CliHarness.result("api", "memory", "", "PASSED", at, null),
                CliHarness.result("api", "host", "", "PASSED", at, null),
                CliHarness.result("api", "zone", "a", "FAILED", at, null)));
        Path junit = temp.resolve("gate.xml");

        assertThat(steadfast("services", "register", service.toString()).code()).isZero();
        assertThat(steadfast("results", "publish", results.toString()).code()).isZero();
        Exit pass = steadfast("gate", "api", "--junit", junit.toString());
        Exit failOnWarn = steadfast("gate", "api", "--fail-on", "warn");
        Exit usage = steadfast("gate", "api", "--fail-on", "never");

        assertThat(pass.code()).as(pass.out()).isZero();
        assertThat(pass.out()).startsWith("gate PASS").contains("75.0 / 100  WARN");
        assertThat(Files.readString(junit)).contains("<testsuite").contains("failures=\"1\"");
        assertThat(failOnWarn.code()).as(failOnWarn.out()).isEqualTo(1);
        assertThat(usage.code()).isEqualTo(2);
        assertThat(usage.out()).contains("--fail-on").doesNotContain("at io.steadfast");
    }
}
