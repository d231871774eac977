package io.steadfast.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file given alone is checked against the configured suites and rules of the kinds it lacks. */
class FallbackDefinitionsTest {

    private static final String SUITE = """
            apiVersion: steadfast/v1
            kind: TestSuite
            id: %s
            version: 1
            categories: [{id: c}]
            tests:
              - {id: %s, category: c, fault: {type: cpu, stages: [50]}, duration: 5m}
            """;
    private static final String STANDARD = """
            apiVersion: steadfast/v1
            kind: Standard
            id: %s
            suites: [%s]
            """;

    @TempDir
    Path dir;
    Path suites;
    Path rules;

    @BeforeEach
    void configured() throws IOException {
        suites = Files.createDirectories(dir.resolve("suites"));
        rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(suites.resolve("s.yaml"), SUITE.formatted("configured", "t1"));
        Files.writeString(rules.resolve("r.yaml"), STANDARD.formatted("org", "configured"));
    }

    private LoadResult load(String yaml) throws IOException {
        Path file = Files.writeString(dir.resolve("given.yaml"), yaml);
        return new DefinitionLoader().load(List.of(file), suites, rules);
    }

    @Test
    void shouldCheckAServiceFileAgainstTheConfiguredSuitesAndRules() throws IOException {
        LoadResult result = load("""
                apiVersion: steadfast/v1
                kind: Service
                id: api
                team: t
                tier: tier-2
                """);

        assertThat(result.errors()).isEmpty();
        assertThat(result.definitions().suites()).containsOnlyKeys("configured");
        assertThat(result.definitions().standards()).containsOnlyKeys("org");
        assertThat(result.definitions().services()).containsOnlyKeys("api");
    }

    @Test
    void shouldCheckAGivenSuiteAgainstItselfAndAGivenStandardAgainstTheGivenSuite() throws IOException {
        LoadResult result = load(SUITE.formatted("mine", "t2") + "---\n" + STANDARD.formatted("org", "mine"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.definitions().suites()).containsOnlyKeys("mine");
        assertThat(result.definitions().standards()).containsOnlyKeys("org");
    }

    @Test
    void shouldLeaveOutAFallbackDirectoryThatDoesNotExist() throws IOException {
        suites = dir.resolve("absent");

        LoadResult result = load(STANDARD.formatted("std", "configured"));

        assertThat(result.errors()).map(DefinitionError::toString)
                .containsExactly("given.yaml:4:10: suites[0]: must name a defined suite (none is defined), but was 'configured'"
                        .replace("given.yaml", dir.resolve("given.yaml").toString()));
    }

    @Test
    void shouldListAtMostTwentyNamesInAnError() throws IOException {
        String tests = IntStream.range(0, 25).mapToObj(i -> "  - {id: t%02d, category: c, fault: {type: cpu, stages: [50]}, duration: 5m}"
                .formatted(i)).collect(Collectors.joining("\n"));
        String suite = SUITE.formatted("big", "t99").replaceFirst("  - \\{id: t99.*\n", tests + "\n");

        LoadResult result = load(suite + "---\n" + STANDARD.formatted("std", "big") + "mustPass: [nope]\n");

        String names = IntStream.range(0, 20).mapToObj(i -> "t%02d".formatted(i)).collect(Collectors.joining(", "));
        assertThat(result.errors()).singleElement().extracting(DefinitionError::message)
                .isEqualTo("must name a test of the standard's suites (" + names + " and 5 more), but was 'nope'");
    }
}
