package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The repository's {@code ./test} script, run as a separate process with a PATH that holds only what it is given:
 * its package check names what is missing and how to install it, and it stops before Maven when a package is
 * missing and it is not root.
 */
class TestScriptIntegrationTest {

    private static final String INSTALL_KCAT = "missing: kcat ; install with: sudo apt-get install -y kcat";

    @TempDir
    Path temp;

    private record Exit(int code, String out, String err) {
    }

    @Test
    void shouldPassTheCheckWithTheFullPath() throws Exception {
        Exit check = script(System.getenv("PATH"), "--check");

        assertThat(check.code()).as(check.out() + check.err()).isZero();
        assertThat(check.out()).contains("present: kcat chromium chromium-driver postgresql openssl")
                .contains("missing: none");
    }

    @Test
    void shouldNameKcatWhenThePathLacksIt() throws Exception {
        Path bin = pathWithout("kcat");

        Exit check = script(bin.toString(), "--check");

        assertThat(check.code()).as(check.out() + check.err()).isEqualTo(1);
        assertThat(check.out()).contains("present: chromium chromium-driver postgresql openssl")
                .contains(INSTALL_KCAT);
    }

    @Test
    void shouldStopBeforeMavenWhenNotRootAndKcatIsMissing() throws Exception {
        Path bin = pathWithout("kcat");
        Path id = bin.resolve("id");
        Files.delete(id);
        Files.writeString(id, "#!/bin/sh\necho 1000\n"); // a user that is not root
        assertThat(id.toFile().setExecutable(true)).isTrue();

        Exit run = script(bin.toString());

        assertThat(run.code()).as(run.out() + run.err()).isEqualTo(1);
        assertThat(run.err().strip()).isEqualTo(INSTALL_KCAT);
        assertThat(run.out()).doesNotContain("installing").doesNotContain("Maven");
    }

    /** A directory of links to the tools the script uses and the packages' commands, except {@code left}. */
    private Path pathWithout(String left) throws IOException {
        Path bin = Files.createDirectory(temp.resolve("bin"));
        for (String tool : List.of("bash", "dirname", "id", "kcat", "chromium", "chromedriver", "openssl")) {
            if (!tool.equals(left)) {
                Path target = onPath(tool).orElseThrow(() -> new AssertionError("'" + tool + "' must be on the PATH"));
                Files.createSymbolicLink(bin.resolve(tool), target);
            }
        }
        return bin;
    }

    private static Optional<Path> onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(File.pathSeparator))
                .map(dir -> Path.of(dir, tool))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private Exit script(String path, String... args) throws IOException, InterruptedException {
        Path script = CliHarness.repositoryRoot().resolve("test");
        List<String> command = Stream.concat(Stream.of(script.toString()), Stream.of(args)).toList();
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectOutput(temp.resolve("out.txt").toFile())
                .redirectError(temp.resolve("err.txt").toFile());
        Map<String, String> env = builder.environment();
        env.put("PATH", path);
        Process process = builder.start();
        boolean exited = process.waitFor(60, TimeUnit.SECONDS);
        if (!exited) {
            process.destroyForcibly();
        }
        assertThat(exited).as("./test exits within 60 s").isTrue();
        return new Exit(process.exitValue(), Files.readString(temp.resolve("out.txt")),
                Files.readString(temp.resolve("err.txt")));
    }
}
