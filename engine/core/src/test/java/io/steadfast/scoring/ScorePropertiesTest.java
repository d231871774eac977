package io.steadfast.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.steadfast.model.Standard;
import io.steadfast.model.Waiver;
import io.steadfast.scoring.ScoreReport.CategoryScore;
import io.steadfast.scoring.ScoreReport.InstanceScore;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** The invariants of DESIGN §4, over random requests (see {@link RandomScenarios}). */
class ScorePropertiesTest {

    private final Scorer scorer = new Scorer();

    @Property(tries = 500)
    void scoreStaysWithinZeroAndHundred(@ForAll long seed) {
        ScoreReport report = scorer.score(RandomScenarios.request(seed));

        if (report.verdict() != Verdict.NO_DATA) {
            assertThat(report.unroundedScore()).isBetween(0.0, 100.0);
            assertThat(report.score()).isBetween(java.math.BigDecimal.ZERO, java.math.BigDecimal.valueOf(100));
        }
        assertThat(report.coverage()).isBetween(0.0, 1.0);
    }

    @Property(tries = 500)
    void freshPassNeverLowersTheScore(@ForAll long seed) {
        ScoreRequest request = RandomScenarios.request(seed);
        ScoreReport before = scorer.score(request);
        Assume.that(before.verdict() != Verdict.NO_DATA);
        InstanceScore instance = before.instances().get(new Random(seed).nextInt(before.instances().size()));

        ScoreReport after = scorer.score(RandomScenarios.withResult(request,
                RandomScenarios.newestTrusted(request, before, instance, ResultStatus.PASSED)));

        assertThat(after.unroundedScore()).isGreaterThanOrEqualTo(before.unroundedScore() - 1e-9);
        assertThat(after.score()).isGreaterThanOrEqualTo(before.score());
    }

    @Property(tries = 500)
    void reorderingInputsNeverChangesTheReport(@ForAll long seed) {
        ScoreRequest request = RandomScenarios.request(seed);
        Random random = new Random(~seed);
        List<ResultEvent> results = new ArrayList<>(request.results());
        List<Waiver> waivers = new ArrayList<>(request.waivers());
        Collections.shuffle(results, random);
        Collections.shuffle(waivers, random);
        ScoreRequest reordered = new ScoreRequest(request.service(), request.standard(), request.suites(), results,
                request.retractedResultIds(), waivers, request.now(), request.version(), request.environment());

        assertThat(scorer.score(reordered)).isEqualTo(scorer.score(request));
    }

    @Property(tries = 500)
    void failingMustPassInstanceAlwaysFails(@ForAll long seed) {
        ScoreRequest random = RandomScenarios.request(seed);
        ScoreReport report = scorer.score(random);
        Assume.that(!report.instances().isEmpty());
        InstanceScore instance = report.instances().get(new Random(seed).nextInt(report.instances().size()));
        Standard standard = withMustPass(random.standard(), instance.test());
        List<Waiver> waivers = new ArrayList<>(random.waivers());
        waivers.removeIf(w -> w.covers(instance.test(), instance.target()));
        ScoreRequest mustPass = new ScoreRequest(random.service(), standard, random.suites(), random.results(),
                random.retractedResultIds(), waivers, random.now(), random.version(), random.environment());
        ResultStatus failing = new Random(seed).nextBoolean() ? ResultStatus.FAILED : ResultStatus.HALTED;

        ScoreReport failed = scorer.score(RandomScenarios.withResult(mustPass,
                RandomScenarios.newestTrusted(mustPass, report, instance, failing)));

        assertThat(failed.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(failed.reasons()).anyMatch(r -> r.startsWith("must-pass test '" + instance.test() + "'"));
    }

    @Property(tries = 500)
    void contributionsSumToTheUnroundedScore(@ForAll long seed) {
        ScoreReport report = scorer.score(RandomScenarios.request(seed));
        Assume.that(report.verdict() != Verdict.NO_DATA);

        double instancePoints = report.instances().stream().mapToDouble(InstanceScore::points).sum();
        double categoryPoints = report.categories().stream().mapToDouble(CategoryScore::points).sum();

        assertThat(instancePoints).isCloseTo(report.unroundedScore(), within(1e-9));
        assertThat(categoryPoints).isCloseTo(report.unroundedScore(), within(1e-9));
    }

    private static Standard withMustPass(Standard s, String test) {
        List<String> mustPass = new ArrayList<>(s.mustPass());
        mustPass.add(test);
        return new Standard(s.id(), s.extendsId(), s.isAbstract(), s.appliesTo(), s.suites(), s.categoryWeights(),
                s.testWeights(), s.requiredCategories(), mustPass, s.values(), s.partialCredit(), s.freshness(),
                s.thresholds(), s.minCoverage(), s.gate());
    }
}
