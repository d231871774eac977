package io.steadfast.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Runs the real CLI in-process against a data directory of its own and the repository's shipped definitions. */
final class CliHarness {

    final Path dataDir;
    final Path root = repositoryRoot();

    CliHarness(Path dataDir) {
        this.dataDir = dataDir;
    }

    record Run(int exitCode, String out, String err) {
    }

    Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", dataDir.toString(), "--suites", root.resolve("test-suites").toString(),
                "--rules", root.resolve("scoring-rules").toString()));
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    Path write(String name, String content) {
        try {
            Path file = dataDir.resolveSibling(dataDir.getFileName() + "-files").resolve(name);
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String result(String service, String test, String target, String status, Instant finishedAt,
                         String version) {
        return "{\"schemaVersion\":1,\"resultId\":\"" + UUID.randomUUID() + "\",\"service\":\"" + service
                + "\",\"suite\":\"recommended\",\"test\":\"" + test + "\",\"target\":\"" + target
                + "\",\"status\":\"" + status + "\",\"finishedAt\":\"" + finishedAt + "\""
                + (version == null ? "" : ",\"serviceVersion\":\"" + version + "\"") + "}";
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-suites"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no test-suites/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
