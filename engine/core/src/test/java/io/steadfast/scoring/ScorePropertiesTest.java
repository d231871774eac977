package io.steadfast.scoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.steadfast.model.Standard;
import io.steadfast.model.Waiver;
import io.steadfast.scoring.ScoreReport.CategoryScore;
import io.steadfast.scoring.ScoreReport.InstanceScore;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The invariants of DESIGN §4, each checked over a few thousand random requests (see
 * {@link RandomScenarios}).
 *
 * <p>Reproducible: the scenario seeds come from a base seed, fixed unless {@code -Dsteadfast.seed=<long>}
 * is given ({@code -Dsteadfast.scenarios=<n>} sets how many). A failure names the scenario's seed and
 * prints the scenario; {@code -Dsteadfast.scenario=<seed>} replays that one scenario alone.
 */
class ScorePropertiesTest {

    private static final long DEFAULT_BASE_SEED = 0x5EEDF457L;
    private static final int DEFAULT_SCENARIOS = 5_000;
    private static final ResultStatus[] NOT_PASSED = {ResultStatus.DEGRADED, ResultStatus.FAILED, ResultStatus.HALTED};
    private static final double[] EXTREME_WEIGHTS = {1e-6, 0.1, 1, 7.5, 1e6};

    private final Scorer scorer = new Scorer();

    @Test
    void scoreStaysWithinZeroAndHundred() {
        forAllScenarios("scoreStaysWithinZeroAndHundred", scenario -> {
            ScoreReport report = scorer.score(scenario.request());

            assertThat(report.coverage()).isBetween(0.0, 1.0);
            for (CategoryScore category : report.categories()) {
                assertThat(category.score()).as("category '%s'", category.category()).isBetween(0.0, 100.0);
            }
            if (report.verdict() == Verdict.NO_DATA) {
                return false;
            }
            assertThat(report.unroundedScore()).isBetween(0.0, 100.0);
            assertThat(report.score()).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
            return true;
        });
    }

    @Test
    void freshPassOnAnyInstanceNeverLowersTheScore() {
        forAllScenarios("freshPassOnAnyInstanceNeverLowersTheScore", scenario -> {
            ScoreRequest request = scenario.request();
            ScoreReport before = scorer.score(request);
            if (before.verdict() == Verdict.NO_DATA) {
                return false;
            }
            for (InstanceScore instance : before.instances()) {
                ScoreReport after = scorer.score(RandomScenarios.withResult(request,
                        RandomScenarios.newestTrusted(request, before, instance, ResultStatus.PASSED)));

                assertThat(after.unroundedScore())
                        .as("unrounded score after a fresh PASSED on %s@%s", instance.test(), instance.target())
                        .isGreaterThanOrEqualTo(before.unroundedScore() - 1e-9);
                assertThat(after.score())
                        .as("score after a fresh PASSED on %s@%s", instance.test(), instance.target())
                        .isGreaterThanOrEqualTo(before.score());
            }
            return true;
        });
    }

    @Test
    void reorderingResultsAndWaiversNeverChangesTheReport() {
        forAllScenarios("reorderingResultsAndWaiversNeverChangesTheReport", scenario -> {
            ScoreRequest request = scenario.request();
            ScoreRequest reordered = new ScoreRequest(request.service(), request.standard(), request.suites(),
                    shuffled(request.results().all(), scenario.random()), request.retractedResultIds(),
                    shuffled(request.waivers(), scenario.random()), request.now(), request.version(),
                    request.environment());

            assertThat(scorer.score(reordered)).isEqualTo(scorer.score(request));
            return true;
        });
    }

    /**
     * Whatever the weights, an instance of a must-pass test whose counted result is DEGRADED, FAILED,
     * HALTED or an expired PASSED, with no waiver, makes the verdict FAIL.
     */
    @Test
    void failingMustPassInstanceAlwaysFails() {
        forAllScenarios("failingMustPassInstanceAlwaysFails", scenario -> {
            ScoreRequest random = scenario.request();
            ScoreReport report = scorer.score(random);
            if (report.instances().isEmpty()) {
                return false;
            }
            RandomGenerator choose = scenario.random();
            InstanceScore instance = report.instances().get(choose.nextInt(report.instances().size()));
            Standard standard = withMustPass(random.standard(), instance,
                    EXTREME_WEIGHTS[choose.nextInt(EXTREME_WEIGHTS.length)],
                    EXTREME_WEIGHTS[choose.nextInt(EXTREME_WEIGHTS.length)]);
            List<Waiver> waivers = new ArrayList<>(random.waivers());
            waivers.removeIf(w -> w.covers(instance.test(), instance.target()));
            List<ResultEvent> results = new ArrayList<>(random.results().all());
            results.removeIf(r -> r.suite().equals(instance.suite()) && r.test().equals(instance.test())
                    && r.target().equals(instance.target()));
            ScoreRequest mustPass = new ScoreRequest(random.service(), standard, random.suites(), results,
                    random.retractedResultIds(), waivers, random.now(), random.version(), random.environment());
            ResultEvent failing = RandomScenarios.newestTrusted(mustPass, report, instance,
                    NOT_PASSED[choose.nextInt(NOT_PASSED.length)]);
            if (choose.nextInt(4) == 0) {
                Duration expired = standard.freshness().expiresAfter().plusMinutes(1 + choose.nextInt(60 * 24));
                failing = new ResultEvent(1, failing.resultId(), failing.service(), failing.suite(), failing.test(),
                        failing.target(), ResultStatus.PASSED, random.now().minus(expired).minusSeconds(60),
                        random.now().minus(expired), failing.serviceVersion(), failing.environment(),
                        failing.source(), null, Measurements.NONE, null);
            }

            ScoreReport failed = scorer.score(RandomScenarios.withResult(mustPass, failing));

            assertThat(failed.verdict()).as("verdict with %s %s on must-pass %s@%s", failing.status(),
                    failing.finishedAt(), instance.test(), instance.target()).isEqualTo(Verdict.FAIL);
            assertThat(failed.reasons()).anyMatch(r -> r.startsWith("must-pass test '" + instance.test() + "'"));
            return true;
        });
    }

    @Test
    void contributionsSumToTheUnroundedScore() {
        forAllScenarios("contributionsSumToTheUnroundedScore", scenario -> {
            ScoreReport report = scorer.score(scenario.request());
            if (report.verdict() == Verdict.NO_DATA) {
                return false;
            }

            double instancePoints = report.instances().stream().mapToDouble(InstanceScore::points).sum();
            double categoryPoints = report.categories().stream().mapToDouble(CategoryScore::points).sum();

            assertThat(instancePoints).as("sum of instance points").isCloseTo(report.unroundedScore(), within(1e-9));
            assertThat(categoryPoints).as("sum of category points").isCloseTo(report.unroundedScore(), within(1e-9));
            return true;
        });
    }

    /** One random request, and a generator for the property's own choices, both from {@code seed}. */
    private record Scenario(long seed, ScoreRequest request, RandomGenerator random) {
    }

    /** A property over one scenario; returns false when the scenario does not meet its precondition. */
    @FunctionalInterface
    private interface ScenarioProperty {
        boolean check(Scenario scenario);
    }

    /**
     * Checks {@code property} over {@link #DEFAULT_SCENARIOS} scenarios (or the one replayed), failing with
     * the scenario's seed and description, and fails too when fewer than a quarter met the precondition (a vacuous property).
     */
    private static void forAllScenarios(String name, ScenarioProperty property) {
        Long replayed = Long.getLong("steadfast.scenario");
        long baseSeed = Long.getLong("steadfast.seed", DEFAULT_BASE_SEED);
        int count = replayed != null ? 1 : Integer.getInteger("steadfast.scenarios", DEFAULT_SCENARIOS);
        RandomGenerator seeds = new SplittableRandom(baseSeed);
        int checked = 0;
        for (int i = 0; i < count; i++) {
            long seed = replayed != null ? replayed : seeds.nextLong();
            ScoreRequest request = RandomScenarios.request(seed);
            try {
                if (property.check(new Scenario(seed, request, new SplittableRandom(~seed)))) {
                    checked++;
                }
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(name + " failed for scenario seed " + seed + " (scenario " + (i + 1)
                        + " of " + count + " from base seed " + baseSeed + "; replay it alone with -Dsteadfast.scenario="
                        + seed + "):\n" + e.getMessage() + "\nscenario:\n" + RandomScenarios.describe(request), e);
            }
        }
        if (replayed == null) {
            assertThat(checked).as("%s: scenarios meeting the precondition, of %d", name, count)
                    .isGreaterThanOrEqualTo(count / 4);
        }
    }

    private static <T> List<T> shuffled(Iterable<T> items, RandomGenerator random) {
        List<T> list = new ArrayList<>();
        items.forEach(list::add);
        for (int i = list.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swapped = list.get(i);
            list.set(i, list.get(j));
            list.set(j, swapped);
        }
        return list;
    }

    private static Standard withMustPass(Standard s, InstanceScore instance, double testWeight,
                                         double categoryWeight) {
        List<String> mustPass = new ArrayList<>(s.mustPass());
        mustPass.add(instance.test());
        Map<String, Double> testWeights = new HashMap<>(s.testWeights());
        testWeights.put(instance.test(), testWeight);
        Map<String, Double> categoryWeights = new HashMap<>(s.categoryWeights());
        categoryWeights.put(instance.category(), categoryWeight);
        return new Standard(s.id(), s.extendsId(), s.isAbstract(), s.appliesTo(), s.suites(), categoryWeights,
                testWeights, s.requiredCategories(), mustPass, s.values(), s.partialCredit(), s.freshness(),
                s.thresholds(), s.minCoverage(), s.gate());
    }
}
