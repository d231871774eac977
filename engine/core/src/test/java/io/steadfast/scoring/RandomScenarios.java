package io.steadfast.scoring;

import static io.steadfast.scoring.Fixtures.NOW;

import io.steadfast.model.Scope;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Waiver;
import io.steadfast.model.Where;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Random but reproducible score requests: one seed gives one request, covering every scope, weights,
 * values with {@code passed} the highest, partial credit, decay, evidence policies, trusted sources
 * and environments, retractions and waivers. {@link #describe} prints one for a failure message.
 */
final class RandomScenarios {

    static final String[] SOURCES = {"runner", "other", null};
    static final String[] ENVIRONMENTS = {"staging", "production", null};
    static final String[] VERSIONS = {"1", "2", null};

    private RandomScenarios() {
    }

    static ScoreRequest request(long seed) {
        RandomGenerator random = new SplittableRandom(seed);
        Fixtures.ServiceBuilder service = Fixtures.service("checkout");
        int dependencies = random.nextInt(4);
        for (int i = 0; i < dependencies; i++) {
            service.dependency("dep" + i, random.nextBoolean());
        }
        int instances = random.nextInt(4);
        for (int i = 0; i < instances; i++) {
            service.instance("i" + i, "z" + random.nextInt(3));
        }
        ServiceDefinition definition = service.build();

        List<String> testIds = new ArrayList<>();
        Map<String, TestSuite> suites = new LinkedHashMap<>();
        int suiteCount = 1 + random.nextInt(2);
        for (int s = 0; s < suiteCount; s++) {
            Fixtures.SuiteBuilder suite = Fixtures.suite("s" + s);
            int tests = 1 + random.nextInt(5);
            for (int t = 0; t < tests; t++) {
                String id = "t" + s + t;
                testIds.add(id);
                Scope scope = Scope.values()[random.nextInt(3)];
                Where where = scope == Scope.DEPENDENCY && random.nextBoolean() ? new Where(random.nextBoolean(), null)
                        : null;
                suite.test(id, "c" + random.nextInt(3), scope, where);
            }
            suites.put("s" + s, suite.build());
        }

        Fixtures.StandardBuilder standard = Fixtures.standard("random").suites(suites.keySet().toArray(String[]::new));
        for (int c = 0; c < 4; c++) {
            if (random.nextBoolean()) {
                standard.categoryWeight("c" + c, 0.1 + random.nextInt(50) / 10.0);
            }
        }
        for (String test : testIds) {
            if (random.nextBoolean()) {
                standard.testWeight(test, 0.1 + random.nextInt(50) / 10.0);
            }
        }
        if (random.nextInt(3) == 0) {
            standard.requiredCategories("c" + random.nextInt(4));
        }
        List<String> mustPass = new ArrayList<>();
        for (String test : testIds) {
            if (random.nextInt(4) == 0) {
                mustPass.add(test);
            }
        }
        if (random.nextInt(5) == 0) {
            mustPass.add("ghost");
        }
        standard.mustPass(mustPass.toArray(String[]::new));
        double passed = 50 + random.nextInt(51);
        standard.values(passed, random.nextDouble() * passed, random.nextDouble() * passed,
                random.nextDouble() * passed, random.nextDouble() * passed);
        if (random.nextBoolean()) {
            standard.probes();
        }
        Duration fullCredit = Duration.ofHours(random.nextInt(24 * 10));
        standard.freshness(fullCredit, fullCredit.plusHours(random.nextInt(24 * 30)),
                random.nextBoolean() ? Standard.Decay.LINEAR : Standard.Decay.NONE);
        double pass = random.nextInt(101);
        standard.thresholds(pass, random.nextInt((int) pass + 1));
        standard.minCoverage(random.nextInt(3) == 0 ? random.nextDouble() : 0);
        if (random.nextBoolean()) {
            standard.sameVersion();
        }
        if (random.nextInt(3) == 0) {
            standard.sources("runner");
        }
        if (random.nextInt(3) == 0) {
            standard.environments("staging");
        }

        List<String> targets = new ArrayList<>(List.of(""));
        definition.dependencies().forEach(d -> targets.add(d.id()));
        targets.addAll(definition.zones());
        List<ResultEvent> results = new ArrayList<>();
        int resultCount = random.nextInt(40);
        for (int r = 0; r < resultCount; r++) {
            int suite = random.nextInt(suiteCount + 1); // one in a while, a suite the standard does not use
            String test = testIds.get(random.nextInt(testIds.size()));
            // half of them on a few whole days, so that finishedAt ties are common
            Instant finishedAt = random.nextBoolean() ? NOW.minus(Duration.ofDays(random.nextInt(4)))
                    : NOW.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 45) - 60 * 24));
            ResultStatus status = ResultStatus.values()[random.nextInt(ResultStatus.values().length)];
            int probesTotal = random.nextInt(5) * 10;
            results.add(new ResultEvent(1, "r" + r, "checkout", "s" + suite, test,
                    targets.get(random.nextInt(targets.size())), status, finishedAt.minusSeconds(60), finishedAt,
                    VERSIONS[random.nextInt(3)], ENVIRONMENTS[random.nextInt(3)], SOURCES[random.nextInt(3)], null,
                    new Measurements(null, null, probesTotal == 0 ? null : random.nextInt(probesTotal + 1),
                            probesTotal == 0 ? null : probesTotal), null));
        }
        Set<String> retracted = new LinkedHashSet<>();
        for (ResultEvent result : results) {
            if (random.nextInt(8) == 0) {
                retracted.add(result.resultId());
            }
        }
        List<Waiver> waivers = new ArrayList<>();
        int waiverCount = random.nextInt(4);
        for (int w = 0; w < waiverCount; w++) {
            waivers.add(new Waiver("w" + w, "checkout", mustPass.isEmpty() ? "ghost"
                    : mustPass.get(random.nextInt(mustPass.size())), targets.get(random.nextInt(targets.size())),
                    "risk", "platform", NOW.plus(Duration.ofHours(random.nextInt(48) - 24))));
        }
        String version = random.nextInt(3) == 0 ? VERSIONS[random.nextInt(2)] : null;
        return new ScoreRequest(definition, standard.build(), suites, results, retracted, waivers, NOW, version,
                null);
    }

    /** The request with a result added. */
    static ScoreRequest withResult(ScoreRequest request, ResultEvent added) {
        List<ResultEvent> results = new ArrayList<>(request.results().all());
        results.add(added);
        return new ScoreRequest(request.service(), request.standard(), request.suites(), results,
                request.retractedResultIds(), request.waivers(), request.now(), request.version(),
                request.environment());
    }

    /**
     * A result for an instance that the request's standard trusts and whose version is the one the
     * report's evidence was restricted to; it is later than every other (finished now, greatest id).
     */
    static ResultEvent newestTrusted(ScoreRequest request, ScoreReport report, ScoreReport.InstanceScore instance,
                                     ResultStatus status) {
        Standard.GatePolicy gate = request.standard().gate();
        String source = gate.sources().isEmpty() ? "runner" : gate.sources().get(0);
        String environment = gate.environments().isEmpty() ? "staging" : gate.environments().get(0);
        return new ResultEvent(1, "zzz-added", "checkout", instance.suite(), instance.test(), instance.target(),
                status, request.now().minusSeconds(60), request.now(), report.version(), environment, source, null,
                Measurements.NONE, null);
    }

    /** The request in words, one line per definition, result and waiver: enough to read a failure. */
    static String describe(ScoreRequest request) {
        StringBuilder out = new StringBuilder();
        ServiceDefinition service = request.service();
        out.append("now ").append(request.now()).append(", version asked ").append(request.version())
                .append(", environment ").append(request.environment()).append('\n');
        out.append("service '").append(service.id()).append("': dependencies");
        service.dependencies().forEach(d -> out.append(' ').append(d.id()).append(d.tls() ? "(tls)" : ""));
        out.append(", instances");
        service.instances().forEach(i -> out.append(' ').append(i.id()).append('@').append(i.zone()));
        out.append('\n');
        request.suites().values().stream().sorted(Comparator.comparing(TestSuite::id)).forEach(suite -> {
            out.append("suite '").append(suite.id()).append("':");
            suite.tests().forEach(t -> out.append(' ').append(t.id()).append('[').append(t.category()).append(' ')
                    .append(t.scope()).append(t.where().equals(Where.ANY) ? "" : " " + t.where()).append(']'));
            out.append('\n');
        });
        Standard s = request.standard();
        out.append("standard '").append(s.id()).append("': suites ").append(s.suites())
                .append(", category weights ").append(new TreeMap<>(s.categoryWeights()))
                .append(", test weights ").append(new TreeMap<>(s.testWeights()))
                .append(", required ").append(s.requiredCategories()).append(", must pass ").append(s.mustPass())
                .append('\n').append("  ").append(s.values()).append(", partial credit ").append(s.partialCredit())
                .append(", ").append(s.freshness()).append(", ").append(s.thresholds())
                .append(", min coverage ").append(s.minCoverage()).append(", ").append(s.gate()).append('\n');
        for (ResultEvent r : request.results().all()) {
            out.append("result ").append(r.resultId()).append(' ').append(r.suite()).append('/').append(r.test())
                    .append('@').append(r.target()).append(' ').append(r.status()).append(" finished ")
                    .append(r.finishedAt()).append(" version ").append(r.serviceVersion()).append(" env ")
                    .append(r.environment()).append(" source ").append(r.source());
            if (r.measurements().probesTotal() != null) {
                out.append(" probes ").append(r.measurements().probesPassed()).append('/')
                        .append(r.measurements().probesTotal());
            }
            out.append(request.retractedResultIds().contains(r.resultId()) ? " RETRACTED" : "").append('\n');
        }
        for (Waiver w : request.waivers()) {
            out.append("waiver ").append(w.id()).append(' ').append(w.service()).append('/').append(w.test())
                    .append('@').append(w.target()).append(" until ").append(w.expiresAt()).append('\n');
        }
        return out.toString();
    }
}
