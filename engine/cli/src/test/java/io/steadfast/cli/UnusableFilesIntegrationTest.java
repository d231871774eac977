package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory or a report file the process cannot write, from the packaged jar as a process of
 * its own: one line on stderr naming the file and the rule, exit 2, no stack trace from the store or
 * the XML writer.
 */
class UnusableFilesIntegrationTest {

    @TempDir
    Path temp;

    @Test
    void shouldRefuseADataDirectoryItCannotWriteInOneLineWithExitTwo() throws Exception {
        Ran ran = steadfast("--data-dir", "/proc/1", "services", "list");

        assertThat(ran.exitCode()).as(ran.err()).isEqualTo(2);
        assertThat(ran.err().lines().toList()).as(ran.err()).singleElement().asString()
                .startsWith("error: data directory '/proc/1' must be private to its user, but cannot be made so: /proc/1:");
        assertThat(ran.err()).doesNotContain("Exception", "\tat ");
    }

    @Test
    void shouldRefuseAJunitFileItCannotWriteInOneLineWithExitTwo() throws Exception {
        Ran ran = steadfast("--data-dir", temp.resolve("data").toString(), "gate", "checkout", "--junit", "/proc/version");

        assertThat(ran.exitCode()).as(ran.err()).isEqualTo(2);
        assertThat(ran.err().lines().toList()).as(ran.err()).singleElement().asString()
                .startsWith("error: JUnit report '/proc/version' must be a writable file, but could not be written: ");
        assertThat(ran.err()).doesNotContain("Exception", "java.io", "\tat ");
    }

    record Ran(int exitCode, String err) {
    }

    private static Ran steadfast(String... args) throws Exception {
        Path root = CliHarness.repositoryRoot();
        List<String> command = new ArrayList<>(List.of("java", "-jar", root.resolve("engine/cli/target/steadfast.jar").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--suites", root.resolve("test-suites").toString(), "--rules",
                root.resolve("scoring-rules").toString()));
        Process process = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Ran(process.exitValue(), err);
    }
}
