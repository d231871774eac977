package io.steadfast.bench;

import io.steadfast.model.Check;
import io.steadfast.model.Dependency;
import io.steadfast.model.Fault;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Waiver;
import io.steadfast.model.Where;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.scoring.ScoreRequest;
import io.steadfast.scoring.evidence.ResultHistory;
import io.steadfast.scoring.Scorer;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The cost of one score (DESIGN §4): one service whose standard expands to 30 test instances, with
 * 1,000 stored results. Target: at most 20 µs per score.
 *
 * <p>Run: {@code java -jar engine/bench/target/benchmarks.jar ScoringBenchmark -f 1 -wi 3 -i 5}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
public class ScoringBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final ResultStatus[] STATUSES = ResultStatus.values();

    private final Scorer scorer = new Scorer();
    private ScoreRequest request;
    private ScoreRequest sameVersionRequest;

    @Setup
    public void setUp() {
        // 3 service-scope tests + 3 zones + 2 tests x 10 dependencies + 4 TLS dependencies = 30 instances
        List<Instance> instances = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            instances.add(new Instance("checkout-" + i, "zone-" + (i % 3), null, null, null));
        }
        List<Dependency> dependencies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dependencies.add(new Dependency("dep-" + i, "dep-" + i + ":443", i < 4, null));
        }
        ServiceDefinition service = new ServiceDefinition("checkout", "Checkout", "payments", "tier-1",
                "production", Map.of(), null, List.of(), instances, dependencies);
        TestSuite suite = new TestSuite("recommended", 1, null, List.of("scalability", "redundancy", "dependencies"),
                List.of(test("cpu", "scalability", io.steadfast.model.Scope.SERVICE, null),
                        test("memory", "scalability", io.steadfast.model.Scope.SERVICE, null),
                        test("host", "redundancy", io.steadfast.model.Scope.SERVICE, null),
                        test("zone", "redundancy", io.steadfast.model.Scope.ZONE, null),
                        test("dependency-failure", "dependencies", io.steadfast.model.Scope.DEPENDENCY, null),
                        test("dependency-latency", "dependencies", io.steadfast.model.Scope.DEPENDENCY, null),
                        test("certificate-expiry", "dependencies", io.steadfast.model.Scope.DEPENDENCY,
                                new Where(true, null))));

        List<String[]> targets = new ArrayList<>();
        for (String test : List.of("cpu", "memory", "host")) {
            targets.add(new String[] {test, ""});
        }
        for (String zone : service.zones()) {
            targets.add(new String[] {"zone", zone});
        }
        for (Dependency dependency : dependencies) {
            targets.add(new String[] {"dependency-failure", dependency.id()});
            targets.add(new String[] {"dependency-latency", dependency.id()});
            if (dependency.tls()) {
                targets.add(new String[] {"certificate-expiry", dependency.id()});
            }
        }
        if (targets.size() != 30) {
            throw new IllegalStateException("expected 30 instances, but was " + targets.size());
        }
        Random random = new Random(42);
        List<ResultEvent> results = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String[] instance = targets.get(random.nextInt(targets.size()));
            Instant finishedAt = NOW.minus(Duration.ofMinutes(random.nextInt(60 * 24 * 40)));
            results.add(new ResultEvent(1, "result-" + i, "checkout", "recommended", instance[0], instance[1],
                    STATUSES[random.nextInt(STATUSES.length)], finishedAt.minusSeconds(300), finishedAt,
                    "1." + random.nextInt(3), "staging", "steadfast-runner", null,
                    new Measurements(null, null, random.nextInt(61), 60), null));
        }
        List<Waiver> waivers = List.of(new Waiver("w-1", "checkout", "dependency-failure", "dep-3", "no fallback yet",
                "platform-team", NOW.plus(Duration.ofDays(30))));
        Standard standard = standard(Standard.Evidence.ANY_VERSION);
        request = new ScoreRequest(service, standard, Map.of("recommended", suite), results, Set.of("result-7"),
                waivers, NOW, null, null);
        sameVersionRequest = new ScoreRequest(service, standard(Standard.Evidence.SAME_VERSION),
                Map.of("recommended", suite), results, Set.of("result-7"), waivers, NOW, null, null);
    }

    /**
     * Baseline, run beside the scores: one pass over the same 1,000 results reading what any scorer
     * must read (test, target, finish time). The floor of the work, and a gauge of how busy the machine is.
     */
    @Benchmark
    public long baselineScan() {
        long sum = 0;
        for (ResultEvent result : request.results().all()) {
            sum += result.finishedAt().getEpochSecond() + result.test().hashCode() + result.target().length();
        }
        return sum;
    }

    /**
     * What a load of the service's results costs once (the engine caches the index with the results,
     * DESIGN §4): grouping the 1,000 results by instance, each group newest first.
     */
    @Benchmark
    public ResultHistory indexResults() {
        return ResultHistory.of(request.results().all());
    }

    /** One score from the cached inputs: the results already indexed. */
    @Benchmark
    public ScoreReport score() {
        return scorer.score(request);
    }

    /** Same-version evidence with no version asked: the version of the newest counted result is used. */
    @Benchmark
    public ScoreReport scoreSameVersion() {
        return scorer.score(sameVersionRequest);
    }

    private static TestDefinition test(String id, String category, io.steadfast.model.Scope scope, Where where) {
        return new TestDefinition(id, category, scope, where,
                new Fault("blackhole", null, null, null, null, null, null, null), (Check) null, Duration.ofMinutes(5), null);
    }

    private static Standard standard(Standard.Evidence evidence) {
        return new Standard("tier-1", "org-default", false, null, List.of("recommended"),
                Map.of("redundancy", 2.0), Map.of("host", 2.0), List.of("scalability"),
                List.of("host", "dependency-failure"), new Standard.Values(100, 50, 0, 0, 0),
                Standard.PartialCredit.PROBES,
                new Standard.Freshness(Duration.ofDays(7), Duration.ofDays(30), Standard.Decay.LINEAR),
                new Standard.Thresholds(90, 75), 0.5,
                new Standard.GatePolicy(Standard.OnNoData.FAIL, evidence, List.of("staging"),
                        List.of("steadfast-runner")));
    }
}
