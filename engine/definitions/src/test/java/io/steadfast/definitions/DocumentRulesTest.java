package io.steadfast.definitions;

import static io.steadfast.definitions.Yaml.errors;
import static io.steadfast.definitions.Yaml.suite;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rules every document follows, whatever its kind: header, keys, durations, ids across files, all errors at once. */
class DocumentRulesTest {

    private static final String WAIVER = """
            apiVersion: steadfast/v1
            kind: Waiver
            service: checkout
            test: host
            reason: "no second instance until Q3"
            approvedBy: platform-team
            expiresAt: 2026-12-31T00:00:00Z
            """;

    @Test
    void shouldRejectUnknownKeyWithLineAndColumn() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu, stages: [50]}
                    duration: 5m
                    retries: 3
                """))).containsExactly("f.yaml:12:5: tests[0].retries: must be a known key "
                + "(id, category, scope, where, fault, check, duration, expect), but was 'retries'");
    }

    @Test
    void shouldRejectDuplicateKeyInAMapping() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu, stages: [50]}
                    duration: 5m
                    duration: 10m
                """))).containsExactly(
                "f.yaml:12:5: tests[0].duration: must appear once in its mapping (first at f.yaml:11:5), but was repeated");
    }

    @Test
    void shouldRejectMissingApiVersion() {
        assertThat(errors(WAIVER.replace("apiVersion: steadfast/v1\n", "")))
                .containsExactly("f.yaml:1:1: apiVersion: is required (steadfast/v1), but was absent");
    }

    @Test
    void shouldRejectOtherApiVersion() {
        assertThat(errors(WAIVER.replace("steadfast/v1", "steadfast/v2")))
                .containsExactly("f.yaml:1:13: apiVersion: must be steadfast/v1, but was 'steadfast/v2'");
    }

    @Test
    void shouldLeaveOutADefinitionWhoseHeaderIsWrong() {
        LoadResult result = Yaml.load(WAIVER.replace("steadfast/v1", "steadfast/v2"));

        assertThat(result.ok()).isFalse();
        assertThat(result.definitions().waivers()).isEmpty();
    }

    @Test
    void shouldRejectMissingKind() {
        assertThat(errors(WAIVER.replace("kind: Waiver\n", "")))
                .containsExactly("f.yaml:1:1: kind: is required (TestSuite, Standard, Service, Waiver), but was absent");
    }

    @Test
    void shouldRejectUnknownKind() {
        assertThat(errors(WAIVER.replace("kind: Waiver", "kind: Experiment")))
                .containsExactly("f.yaml:2:7: kind: must be one of TestSuite, Standard, Service, Waiver, but was 'Experiment'");
    }

    @Test
    void shouldRejectDocumentThatIsNotAMapping() {
        assertThat(errors("- just\n- a list\n"))
                .containsExactly("f.yaml:1:1: (document): must be a mapping with kind and apiVersion, but was a list");
    }

    @Test
    void shouldReportYamlSyntaxErrorWithItsPosition() {
        List<DefinitionError> errors = Yaml.load("apiVersion: steadfast/v1\nkind: [Waiver\n").errors();

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).path()).isEqualTo("(yaml)");
        assertThat(errors.get(0).line()).isEqualTo(2);
        assertThat(errors.get(0).message()).startsWith("must be valid YAML, but was ");
    }

    @Test
    void shouldRejectDurationWithoutUnit() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu, stages: [50]}
                    duration: 300
                """))).containsExactly("f.yaml:11:15: tests[0].duration: must be a duration such as 30s, 15m, 2h or 7d, but was 300");
    }

    @Test
    void shouldRejectMillisecondsWhereOnlyLongDurationsMakeSense() {
        assertThat(errors(suite("""
                  - id: t
                    category: c
                    fault: {type: cpu, stages: [50]}
                    duration: 500ms
                """))).containsExactly(
                "f.yaml:11:15: tests[0].duration: must be a duration such as 30s, 15m, 2h or 7d, but was '500ms'");
    }

    @Test
    void shouldReadEveryDurationUnit() {
        LoadResult result = Yaml.load(suite("""
                  - {id: a, category: c, fault: {type: cpu, stages: [50]}, duration: 30s}
                  - {id: b, category: c, fault: {type: cpu, stages: [50]}, duration: 15m}
                  - {id: d, category: c, fault: {type: cpu, stages: [50]}, duration: 2h}
                  - {id: e, category: c, fault: {type: cpu, stages: [50]}, duration: 7d}
                """));

        assertThat(result.errors()).isEmpty();
        assertThat(result.definitions().suites().get("s").tests())
                .extracting(test -> test.duration().toString())
                .containsExactly("PT30S", "PT15M", "PT2H", "PT168H");
    }

    @Test
    void shouldReportEveryErrorOfAFileAtOnce() {
        List<String> errors = errors(suite("""
                  - id: t
                    category: nope
                    fault: {type: latency, latencyMs: -5}
                    scope: dependency
                    duration: forever
                """));

        assertThat(errors).containsExactly(
                "f.yaml:9:15: tests[0].category: must be a category the suite declares (c), but was 'nope'",
                "f.yaml:10:39: tests[0].fault.latencyMs: must be > 0, but was -5",
                "f.yaml:12:15: tests[0].duration: must be a duration such as 30s, 15m, 2h or 7d, but was 'forever'");
    }

    @Test
    void shouldReadEveryDocumentOfAMultiDocumentFile() {
        LoadResult result = Yaml.load(WAIVER + "---\n" + WAIVER.replace("test: host", "test: zone"));

        assertThat(result.errors()).isEmpty();
        assertThat(result.definitions().waivers()).hasSize(2);
    }

    @Test
    void shouldRejectTheSameSuiteIdInTwoFilesNamingBoth(@TempDir Path dir) throws IOException {
        String suite = suite("  - {id: t, category: c, fault: {type: cpu, stages: [50]}, duration: 5m}\n");
        Files.writeString(dir.resolve("a.yaml"), suite);
        Files.createDirectories(dir.resolve("more"));
        Files.writeString(dir.resolve("more/b.yml"), suite);

        LoadResult result = new DefinitionLoader().load(List.of(dir));

        assertThat(result.errors()).extracting(DefinitionError::toString).containsExactly(
                dir.resolve("more/b.yml") + ":3:5: id: must be unique among suites (first defined at "
                        + dir.resolve("a.yaml") + ":3:5), but was 's'");
        assertThat(result.definitions().suites()).containsOnlyKeys("s");
    }

    @Test
    void shouldLoadOnlyYamlFilesFoundUnderADirectory(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("waiver.yaml"), WAIVER);
        Files.writeString(dir.resolve("notes.txt"), "not yaml: [");

        LoadResult result = new DefinitionLoader().load(List.of(dir));

        assertThat(result.errors()).isEmpty();
        assertThat(result.definitions().waivers()).hasSize(1);
    }

    @Test
    void shouldReportAPathThatDoesNotExist(@TempDir Path dir) {
        LoadResult result = new DefinitionLoader().load(List.of(dir.resolve("missing")));

        assertThat(result.errors()).extracting(DefinitionError::toString)
                .containsExactly(dir.resolve("missing") + ":1:1: (file): must be a file or directory, but was absent");
    }

    @Test
    void shouldResolveAnAliasOfAMapping() {
        LoadResult result = Yaml.load(suite("""
                  - {id: a, category: c, fault: &stress {type: cpu, stages: [50]}, duration: 5m}
                  - {id: b, category: c, fault: *stress, duration: 10m}
                """));

        assertThat(result.errors()).isEmpty();
        assertThat(result.definitions().suites().get("s").test("b").orElseThrow().fault().stages()).containsExactly(50);
    }

    @Test
    void shouldRejectAnAliasOfAScalar() {
        assertThat(errors(WAIVER.replace("approvedBy: platform-team", "approvedBy: *team"))).containsExactly(
                "f.yaml:6:13: approvedBy: must refer to an anchor on a mapping or list defined before it, but was '*team'");
    }

    @Test
    void shouldStillCheckADocumentWhoseIdIsRepeated() {
        String suite = suite("  - {id: t, category: c, fault: {type: cpu, stages: [50]}, duration: 5m}\n");

        assertThat(errors(suite + "---\n" + suite.replace("stages: [50]", "stages: [500]"))).containsExactly(
                "f.yaml:12:5: id: must be unique among suites (first defined at f.yaml:3:5), but was 's'",
                "f.yaml:17:54: tests[0].fault.stages[0]: must be a percentage from 1 to 100, but was 500");
    }
}
