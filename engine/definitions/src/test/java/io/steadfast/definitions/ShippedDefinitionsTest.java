package io.steadfast.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.model.Expect;
import io.steadfast.model.Scope;
import io.steadfast.model.Standard;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every file shipped under test-suites/ and scoring-rules/ loads without error, to the values DESIGN §3 gives. */
class ShippedDefinitionsTest {

    private static final Path ROOT = repositoryRoot();

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-suites"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no directory holding test-suites/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    private final LoadResult result =
            new DefinitionLoader().load(List.of(ROOT.resolve("test-suites"), ROOT.resolve("scoring-rules")));

    @Test
    void shouldLoadEveryShippedFileWithoutError() {
        assertThat(result.errors()).isEmpty();
        assertThat(result.ok()).isTrue();
        assertThat(result.definitions().suites()).containsOnlyKeys("recommended", "payments-strict", "demo");
        assertThat(result.definitions().standards())
                .containsOnlyKeys("org-default", "tier-1", "gremlin-style", "litmus-style", "demo");
    }

    @Test
    void shouldShipTheRecommendedSuiteWithSevenTests() {
        TestSuite recommended = result.definitions().suites().get("recommended");

        assertThat(recommended.version()).isEqualTo(1);
        assertThat(recommended.categories()).containsExactly("scalability", "redundancy", "dependencies");
        assertThat(recommended.tests()).extracting(TestDefinition::id).containsExactly("cpu", "memory", "host",
                "zone", "dependency-failure", "dependency-latency", "certificate-expiry");
        TestDefinition cpu = recommended.test("cpu").orElseThrow();
        assertThat(cpu.fault().stages()).containsExactly(50, 75, 90);
        assertThat(cpu.duration()).isEqualTo(Duration.ofMinutes(15));
        TestDefinition certificate = recommended.test("certificate-expiry").orElseThrow();
        assertThat(certificate.fault()).isNull();
        assertThat(certificate.check().minValidity()).isEqualTo(Duration.ofDays(30));
        assertThat(certificate.where().tls()).isTrue();
        assertThat(recommended.test("zone").orElseThrow().scope()).isEqualTo(Scope.ZONE);
    }

    @Test
    void shouldShipTheStrictPaymentsSuiteAsAnExtensionOfRecommended() {
        TestSuite strict = result.definitions().suites().get("payments-strict");

        assertThat(strict.extendsId()).isEqualTo("recommended");
        assertThat(strict.tests()).extracting(TestDefinition::id).containsExactly("cpu", "host", "zone",
                "dependency-failure", "dependency-latency", "certificate-expiry", "dependency-reset");
        TestDefinition latency = strict.test("dependency-latency").orElseThrow();
        assertThat(latency.fault().latencyMs()).isEqualTo(500);
        assertThat(latency.expect()).isEqualTo(new Expect(Duration.ofSeconds(60)));
        assertThat(latency.duration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(latency.category()).isEqualTo("dependencies");
    }

    @Test
    void shouldResolveTierOneOverOrgDefault() {
        Standard tierOne = result.definitions().standards().get("tier-1");

        assertThat(tierOne.suites()).containsExactly("recommended");
        assertThat(tierOne.mustPass()).containsExactly("host", "dependency-failure");
        assertThat(tierOne.thresholds()).isEqualTo(new Standard.Thresholds(90, 75));
        assertThat(tierOne.gate().evidence()).isEqualTo(Standard.Evidence.SAME_VERSION);
        assertThat(tierOne.gate().onNoData()).isEqualTo(Standard.OnNoData.FAIL);
        assertThat(tierOne.appliesTo().tier()).containsExactly("tier-1");
        assertThat(tierOne.values()).isEqualTo(new Standard.Values(100, 50, 0, 0, 0));
        assertThat(tierOne.isAbstract()).isFalse();
    }

    @Test
    void shouldShipAbstractGremlinAndLitmusStyleStandards() {
        Standard gremlin = result.definitions().standards().get("gremlin-style");
        Standard litmus = result.definitions().standards().get("litmus-style");

        assertThat(gremlin.isAbstract()).isTrue();
        assertThat(gremlin.values()).isEqualTo(new Standard.Values(100, 75, 50, 0, 75));
        assertThat(gremlin.freshness())
                .isEqualTo(new Standard.Freshness(Duration.ofDays(7), Duration.ofDays(7), Standard.Decay.NONE));
        assertThat(litmus.isAbstract()).isTrue();
        assertThat(litmus.partialCredit()).isEqualTo(Standard.PartialCredit.PROBES);
        assertThat(litmus.testWeight("host")).isEqualTo(10);
    }
}
