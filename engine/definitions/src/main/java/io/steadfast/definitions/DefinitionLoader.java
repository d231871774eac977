package io.steadfast.definitions;

import io.steadfast.definitions.internal.Assembler;
import io.steadfast.definitions.internal.Assembler.Source;
import io.steadfast.definitions.internal.Position;
import io.steadfast.definitions.internal.Problems;
import io.steadfast.definitions.internal.YamlReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Loads {@code TestSuite}, {@code Standard}, {@code Service} and {@code Waiver} files (DESIGN §3),
 * resolves {@code extends}, fills defaults and checks everything, reporting <em>every</em> error at
 * once rather than stopping at the first.
 *
 * <p>What is checked: the header ({@code apiVersion: steadfast/v1}, a known {@code kind}); unknown
 * and repeated keys; every field's type and range; suite and standard inheritance (missing base,
 * cycle, {@code drop} of a test that is not inherited); unique ids within a suite, a service, and
 * across all files of one load; and, after resolution, each standard against its suites (unknown
 * suite, the same test id in two suites, weights / required categories / must-pass naming a
 * category or test the suites do not have).
 *
 * <p>What is not checked here: whether a service's explicit {@code standard} exists and whether
 * {@code appliesTo} selects exactly one standard; ask {@link StandardSelector#problems} for that,
 * with every definition the caller has at hand (a service file is often loaded without the rules).
 *
 * <p>Standards without a value fall back to the defaults of DESIGN §3's {@code org-default.yaml}:
 * values 100/50/0/0/0, partialCredit none, freshness 7d/30d/linear, thresholds 80/60, minCoverage 0,
 * gate fail/any-version/all environments/all sources. A health check's interval defaults to 2s and
 * an http check's expected status to 200; an instance-stop fault's count defaults to 1.
 *
 * <p>Stateless and thread-safe; each call reads its inputs afresh.
 */
public final class DefinitionLoader {

    private final boolean processControl;

    /** Creates a loader for files an admin loads; does no I/O. */
    public DefinitionLoader() {
        this(true);
    }

    private DefinitionLoader(boolean processControl) {
        this.processControl = processControl;
    }

    /**
     * A loader for documents that come over the API: process control and exec in a Service
     * ({@code instances[].pidFile}, {@code stopCommand}, {@code startCommand}) are errors, found in
     * the parsed document however it was written (DESIGN §8).
     */
    public static DefinitionLoader withoutProcessControl() {
        return new DefinitionLoader(false);
    }

    /**
     * Loads every {@code *.yaml} and {@code *.yml} file given, or found recursively under the given
     * directories (in sorted path order); a file may hold several documents separated by {@code ---}.
     * A path that cannot be read is reported as an error, like any other.
     */
    public LoadResult load(List<Path> paths) {
        Problems problems = new Problems();
        Assembler assembler = new Assembler(problems, processControl);
        read(paths, problems, assembler);
        return assembler.result();
    }

    /**
     * Loads {@code paths} as {@link #load} does, checked against the suites under {@code suitesDir}
     * when the paths hold no suite, and the standards under {@code rulesDir} when they hold no
     * standard: a service file is checked against the configured definitions, a suite being edited
     * against itself. A fallback directory that does not exist is left out.
     */
    public LoadResult load(List<Path> paths, Path suitesDir, Path rulesDir) {
        Problems problems = new Problems();
        Assembler assembler = new Assembler(problems, processControl);
        read(paths, problems, assembler);
        if (!assembler.has("TestSuite") && Files.isDirectory(suitesDir)) {
            read(List.of(suitesDir), problems, assembler);
        }
        if (!assembler.has("Standard") && Files.isDirectory(rulesDir)) {
            read(List.of(rulesDir), problems, assembler);
        }
        return assembler.result();
    }

    private static void read(List<Path> paths, Problems problems, Assembler assembler) {
        for (Path path : paths) {
            for (Path file : yamlFiles(path, problems)) {
                try {
                    if (Files.size(file) > YamlReader.MAX_BYTES) {
                        problems.report(new Position(file.toString(), 1, 1), "(file)",
                                "must be at most " + YamlReader.mebibytes(YamlReader.MAX_BYTES),
                                YamlReader.mebibytes(Files.size(file)));
                        continue;
                    }
                    assembler.read(new Source(file.toString(), Files.readString(file, StandardCharsets.UTF_8)));
                } catch (IOException | UncheckedIOException e) {
                    problems.report(new Position(file.toString(), 1, 1), "(file)", "must be a readable UTF-8 file",
                            e.toString());
                }
            }
        }
    }

    /** Parses YAML text, e.g. a service or waiver file given to a CLI command; {@code origin} names it in errors. */
    public LoadResult loadText(String origin, String yaml) {
        return new Assembler(new Problems(), processControl).assemble(List.of(new Source(origin, yaml)));
    }

    private static List<Path> yamlFiles(Path path, Problems problems) {
        if (Files.isRegularFile(path)) {
            return List.of(path);
        }
        if (!Files.isDirectory(path)) {
            problems.report(new Position(path.toString(), 1, 1), "(file)", "must be a file or directory", "absent");
            return List.of();
        }
        try (Stream<Path> files = Files.walk(path)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().endsWith(".yaml")
                            || file.getFileName().toString().endsWith(".yml"))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            problems.report(new Position(path.toString(), 1, 1), "(file)", "must be a readable directory", e.toString());
            return List.of();
        }
    }
}
