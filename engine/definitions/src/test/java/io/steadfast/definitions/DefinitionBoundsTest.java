package io.steadfast.definitions;

import static io.steadfast.definitions.Yaml.errors;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a small file may cost: its size, its nesting, its aliases, its chain of bases and what it inherits. */
class DefinitionBoundsTest {

    /**
     * A binary tree of aliases, {@code depth + 1} lines: {@code a<i>} stands for 3 * 2^i - 1 nodes, the whole
     * for about 3 * 2^(depth+1), which passes 100,000 from depth 15 on.
     */
    private static String aliasTree(String key, int depth) {
        StringBuilder yaml = new StringBuilder(key + ":\n  a0: &a0 {x: 1}\n");
        for (int i = 1; i <= depth; i++) {
            yaml.append("  a").append(i).append(": &a").append(i).append(" {l: *a").append(i - 1)
                    .append(", r: *a").append(i - 1).append("}\n");
        }
        return yaml.toString();
    }

    private static String standard(String id, String more) {
        return """
                apiVersion: steadfast/v1
                kind: Standard
                id: %s
                abstract: true
                """.formatted(id) + more;
    }

    @Test
    void shouldRefuseAStandardWhoseAliasesExpandToMillionsOfNodesQuickly() {
        String yaml = standard("base", aliasTree("testWeights", 22)) + "---\n"
                + standard("child", "extends: base\n" + aliasTree("testWeights", 22));
        long start = System.nanoTime();

        LoadResult result = Yaml.load(yaml);

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("a sanity bound, not the figure")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(result.errors()).map(DefinitionError::toString).containsExactly(
                "f.yaml:21:17: testWeights.a15.l: document must have at most 100000 nodes with its aliases expanded,"
                        + " but was larger from here on");
        assertThat(result.definitions().standards()).isEmpty();
    }

    /** Each child inherits 98,000 nodes that are checked again for it: the budget runs out at the fifth. */
    @Test
    void shouldRefuseALoadWhoseInheritedNodesPassTheBudget() {
        StringBuilder yaml = new StringBuilder(standard("base", aliasTree("testWeights", 14)));
        for (int i = 0; i < 40; i++) {
            yaml.append("---\n").append(standard("child-" + i, "extends: base\n"));
        }

        LoadResult result = Yaml.load(yaml.toString());

        assertThat(result.errors()).map(DefinitionError::toString).contains("f.yaml:50:10: extends: definitions"
                + " loaded together must have at most 500000 nodes with aliases and extends expanded,"
                + " but was more from here on");
        assertThat(result.definitions().standards()).isEmpty();
    }

    /** Merging two alias trees is linear in what they write, but what they stand for is still paid for. */
    @Test
    void shouldRefuseAMergeOfAliasTreesOnceTheBudgetIsSpent() {
        StringBuilder yaml = new StringBuilder(standard("base", aliasTree("testWeights", 14)));
        for (int i = 0; i < 3; i++) {
            yaml.append("---\n").append(standard("child-" + i, "extends: base\n" + aliasTree("testWeights", 14)));
        }

        LoadResult result = Yaml.load(yaml.toString());

        assertThat(result.errors()).map(DefinitionError::toString).contains("f.yaml:48:10: extends: definitions"
                + " loaded together must have at most 500000 nodes with aliases and extends expanded,"
                + " but was more from here on");
        assertThat(result.definitions().standards()).isEmpty();
    }

    @Test
    void shouldRefuseAChainOfMoreThanTenBases() {
        StringBuilder yaml = new StringBuilder(standard("s0", ""));
        for (int i = 1; i <= 11; i++) {
            yaml.append("---\n").append(standard("s" + i, "extends: s" + (i - 1) + "\n"));
        }

        assertThat(errors(yaml.toString())).contains("f.yaml:70:10: extends: must reach a standard without extends"
                + " in at most 10 steps, but was standard 's11' extends 's10' extends 's9' extends 's8' extends 's7'"
                + " extends 's6' extends 's5' extends 's4' extends 's3' extends 's2' extends 's1' extends 's0' extends ...");
    }

    @Test
    void shouldRefuseNestingDeeperThanSixtyFour() {
        String yaml = standard("deep", "gate: " + "[".repeat(70) + "]".repeat(70) + "\n");

        assertThat(errors(yaml)).containsExactly(
                "f.yaml:5:70: gate" + "[0]".repeat(63) + ": mappings and lists must nest at most 64 deep, but was deeper");
    }

    @Test
    void shouldRefuseTextLargerThanOneMebibyte() {
        String yaml = standard("big", "# " + "x".repeat(1 << 20) + "\n");

        assertThat(errors(yaml)).containsExactly("f.yaml:1:1: (file): must be at most 1 MiB, but was 1.0 MiB");
    }

    @Test
    void shouldRefuseAFileLargerThanOneMebibyteWithoutReadingIt(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("big.yaml"), standard("big", "# " + "x".repeat(3 << 20) + "\n"));

        LoadResult result = new DefinitionLoader().load(List.of(dir));

        assertThat(result.errors()).map(DefinitionError::toString)
                .containsExactly(file + ":1:1: (file): must be at most 1 MiB, but was 3.0 MiB");
    }

    @Test
    void shouldListAThousandErrorsAndCountTheRest() {
        StringBuilder keys = new StringBuilder();
        for (int i = 0; i < 1500; i++) {
            keys.append("k").append(i).append(": 1\n");
        }

        List<String> errors = errors(standard("many", keys.toString()));

        assertThat(errors).hasSize(1001).first().asString()
                .isEqualTo("f.yaml:5:1: k0: must be a known key (apiVersion, kind, id, extends, abstract, appliesTo,"
                        + " suites, categoryWeights, testWeights, requiredCategories, mustPass, values, partialCredit,"
                        + " freshness, thresholds, minCoverage, gate), but was 'k0'");
        assertThat(errors.get(1000)).startsWith("f.yaml:1005:1: (errors): at most 1000 errors are listed, but ")
                .endsWith(" more were found from here on");
    }

    @Test
    void shouldRefuseARepeatedKeyInAJsonDocumentWithBothPositions() {
        String json = """
                {"apiVersion": "steadfast/v1", "kind": "Waiver", "service": "checkout", "test": "host",
                 "reason": "no second instance", "approvedBy": "platform-team",
                 "expiresAt": "2026-12-31T00:00:00Z", "service": "refunds"}
                """;

        assertThat(errors(json)).containsExactly(
                "f.yaml:3:39: service: must appear once in its mapping (first at f.yaml:1:50), but was repeated");
    }
}
