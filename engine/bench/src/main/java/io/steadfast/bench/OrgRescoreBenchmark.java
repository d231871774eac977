package io.steadfast.bench;

import io.steadfast.app.CacheRefresh;
import io.steadfast.app.Engine;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Policy;
import io.steadfast.app.Settings;
import io.steadfast.definitions.DefinitionError;
import io.steadfast.definitions.DefinitionLoader;
import io.steadfast.definitions.Definitions;
import io.steadfast.definitions.LoadResult;
import io.steadfast.definitions.StandardSelector;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.model.Dependency;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Waiver;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.scoring.ScoreRequest;
import io.steadfast.scoring.Scorer;
import io.steadfast.scoring.rollup.Rollup;
import io.steadfast.scoring.rollup.Rollups;
import io.steadfast.scoring.rollup.ServiceScore;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.IngestOutcome;
import io.steadfast.store.Store;
import io.steadfast.store.internal.BulkLoader;
import io.steadfast.store.internal.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Rescoring an organisation from the store (the target: 10,000 services of 30 test
 * instances each, 300,000 latest counted rows, in at most 2 s on a 2-core machine, growing linearly
 * with the number of services).
 *
 * <p>For each organisation size it builds an H2 file store in a temporary directory, registers the
 * services, loads one result per expected test instance (reporting the rate and the file size), then
 * times, run after run:
 * <ul>
 *   <li><b>from store</b>: {@link Engine#scoreServices} at "now" (services, latest counted results and
 *       waivers read from the store, every service scored) plus the organisation and team rollups;
 *   <li><b>score only</b>: the same scoring and rollups from inputs already in memory (the baseline).
 * </ul>
 *
 * <p>Loading: by default with {@link BulkLoader} (JDBC batches of ingest's own row writers, 50,000
 * results per transaction), which leaves the store exactly as {@link Store#storeResults} would here,
 * since every result is the only one of its group and every id is new, and takes minutes rather than
 * hours for 100,000 services (3,000,000 results); with {@code -Dsetup=ingest}, through
 * {@link Store#storeResults} in batches, to measure ingest itself. The temporary store is deleted
 * after each size.
 *
 * <p>Shape of a service (the shipped {@code recommended} suite under the shipped standards): 6
 * instances in 3 zones and 10 dependencies, 4 of them over TLS, so 3 (cpu, memory, host) + 3 zones
 * + 2 x 10 (dependency-failure, dependency-latency) + 4 (certificate-expiry) = 30 test instances.
 * Tiers cycle tier-1..tier-4 (tier-1 services use the {@code tier-1} standard: same-version
 * evidence, must-pass tests); one service in 50 has a waiver.
 *
 * <p>Run from the repository root (or below it):
 * <pre>
 * ./mvnw -q -B -pl engine/bench -am package -DskipTests
 * java -Xmx8g -cp engine/bench/target/benchmarks.jar io.steadfast.bench.OrgRescoreBenchmark [sizes] [runs]
 * </pre>
 * with sizes a comma-separated list (default {@code 1000,10000,100000}) and runs the timed runs per
 * size (default 5, after warm-up runs); {@code -Dsetup=bulk|ingest} chooses the loading (default
 * bulk) and {@code -Dbatch=N} the ingest batch (default 3,000).
 */
public final class OrgRescoreBenchmark {

    private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");
    private static final int INSTANCES_PER_SERVICE = 30;
    private static final int BATCH = Integer.getInteger("batch", 3_000);
    private static final boolean BULK = switch (System.getProperty("setup", "bulk")) {
        case "bulk" -> true;
        case "ingest" -> false;
        default -> throw new IllegalArgumentException("setup must be bulk or ingest, but was '"
                + System.getProperty("setup") + "'");
    };
    /** Warm-up runs: at least 2, and enough for 30,000 service scores, so that small sizes run compiled code too. */
    private static int warmup(int size) {
        return Math.max(2, (30_000 + size - 1) / size);
    }

    private static final java.lang.management.ThreadMXBean THREADS =
            java.lang.management.ManagementFactory.getThreadMXBean();
    private static final String[] TIERS = {"tier-1", "tier-2", "tier-3", "tier-4"};

    private final Definitions definitions;
    private final Path suitesDir;
    private final Path rulesDir;
    private final Rollups rollups = Rollups.ofDefaults();
    private final Scorer scorer = new Scorer();

    private OrgRescoreBenchmark(Path repoRoot) {
        suitesDir = repoRoot.resolve("test-suites");
        rulesDir = repoRoot.resolve("scoring-rules");
        LoadResult loaded = new DefinitionLoader().load(List.of(suitesDir, rulesDir));
        if (!loaded.ok()) {
            throw new IllegalStateException("shipped definitions must load, but: "
                    + loaded.errors().stream().map(DefinitionError::toString).collect(Collectors.joining("; ")));
        }
        definitions = loaded.definitions();
    }

    public static void main(String[] args) throws Exception {
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "1000,10000,100000").split(","))
                .mapToInt(s -> Integer.parseInt(s.trim())).toArray();
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        OrgRescoreBenchmark bench = new OrgRescoreBenchmark(repoRoot());
        System.out.printf(Locale.ROOT, "OrgRescoreBenchmark: %d test instances per service, setup %s,"
                + " %d timed runs after warm-up, %d cores, max heap %d MiB%n", INSTANCES_PER_SERVICE,
                BULK ? "bulk (" + BulkLoader.TRANSACTION + " per transaction)" : "ingest (batches of " + BATCH + ")",
                runs, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        List<String> table = new ArrayList<>();
        for (int size : sizes) {
            table.add(bench.run(size, runs));
        }
        System.out.println();
        System.out.println("| services | rows | " + (BULK ? "bulk load" : "ingest") + " rows/s | file MiB (open / closed) | from store: median (min-max) s"
                + " | per service µs | score only: median (min-max) s | per service µs |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|");
        table.forEach(System.out::println);
    }

    private String run(int size, int runs) throws IOException {
        System.out.printf(Locale.ROOT, "%n== %,d services ==%n", size);
        Path dir = Files.createTempDirectory("steadfast-org-bench-");
        try {
            String url = Store.defaultUrl(dir);
            List<ServiceDefinition> services = services(size);
            String ingest;
            double rate;
            try (Store store = Store.open(url, null, null)) {
                long t0 = System.nanoTime();
                for (ServiceDefinition service : services) {
                    store.registerService(service, null, ServiceOrigin.FILE);
                }
                for (int i = 0; i < size; i += 50) {
                    store.addWaiver(new Waiver(null, services.get(i).id(), "dependency-failure", "dep-3",
                            "no fallback yet", "platform-team", NOW.plus(Duration.ofDays(30))), NOW);
                }
                System.out.printf(Locale.ROOT, "registered %,d services in %.1f s%n", size, seconds(t0));
                rate = BULK ? bulkLoad(url, services, dir) : ingest(store, services, dir);
            }
            long closedBytes = fileBytes(dir);
            ingest = String.format(Locale.ROOT, "%,.0f", rate);
            try (Store store = Store.open(url, null, null)) {
                Settings settings = new Settings(dir, url, null, null, suitesDir, rulesDir, Policy.DEFAULTS);
                Engine engine = new Engine(settings, store, Clock.fixed(NOW, ZoneOffset.UTC), scorer,
                        new DefinitionService(settings), ScoreEventSink.NONE, new CacheRefresh());
                checkShape(engine);
                long[] fromStore = time("from store", runs, size, () -> rollUp(engine.scoreServices(null, null)));
                breakdown(store, runs);
                Inputs inputs = new Inputs(store.services(), store.latestCountedResults(List.of()),
                        store.waivers(null).stream().collect(Collectors.groupingBy(Waiver::service)));
                long[] scoreOnly = time("score only", runs, size, () -> rollUp(scoreInMemory(inputs)));
                return String.format(Locale.ROOT, "| %,d | %,d | %s | %.0f / %.0f | %s | %s | %s | %s |", size,
                        (long) size * INSTANCES_PER_SERVICE, ingest, lastOpenBytes / 1048576.0,
                        closedBytes / 1048576.0, summary(fromStore), perService(fromStore, size), summary(scoreOnly),
                        perService(scoreOnly, size));
            }
        } finally {
            deleteTree(dir);
        }
    }

    private long lastOpenBytes;

    private double ingest(Store store, List<ServiceDefinition> services, Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        List<ResultEvent> batch = new ArrayList<>(BATCH);
        long rows = 0;
        long nanos = 0;
        long cpu0 = THREADS.getCurrentThreadCpuTime();
        for (ServiceDefinition service : services) {
            for (String[] instance : instancesOf(service)) {
                batch.add(result(random, rows + batch.size(), service, instance[0], instance[1]));
                if (batch.size() == BATCH) {
                    nanos += storeBatch(store, batch);
                    rows += batch.size();
                    batch.clear();
                }
            }
        }
        if (!batch.isEmpty()) {
            nanos += storeBatch(store, batch);
            rows += batch.size();
        }
        double rate = rows / (nanos / 1e9);
        double cpu = (THREADS.getCurrentThreadCpuTime() - cpu0) / 1e9;
        lastOpenBytes = fileBytes(dir);
        System.out.printf(Locale.ROOT, "ingested %,d results in %.1f s: %,.0f results/s (ingesting thread's CPU"
                + " %.1f s, incl. building the events); file %.0f MiB while open%n", rows, nanos / 1e9, rate, cpu,
                lastOpenBytes / 1048576.0);
        return rate;
    }

    private double bulkLoad(String url, List<ServiceDefinition> services, Path dir) throws IOException {
        SplittableRandom random = new SplittableRandom(42);
        long[] sequence = {0};
        Iterator<ResultEvent> results = services.stream()
                .flatMap(service -> instancesOf(service).stream()
                        .map(instance -> result(random, sequence[0]++, service, instance[0], instance[1])))
                .iterator();
        long t0 = System.nanoTime();
        long rows;
        try (Database db = Database.open(url, null, null)) {
            rows = BulkLoader.load(db, results, NOW);
        }
        double elapsed = seconds(t0);
        lastOpenBytes = fileBytes(dir);
        System.out.printf(Locale.ROOT, "bulk loaded %,d results in %.1f s: %,.0f results/s (incl. building the"
                + " events); file %.0f MiB while open%n", rows, elapsed, rows / elapsed, lastOpenBytes / 1048576.0);
        return rows / elapsed;
    }

    private static long storeBatch(Store store, List<ResultEvent> batch) {
        long t0 = System.nanoTime();
        IngestOutcome outcome = store.storeResults(batch, NOW);
        long elapsed = System.nanoTime() - t0;
        if (outcome.stored() != batch.size()) {
            throw new IllegalStateException("a fresh batch must be stored whole, but was " + outcome);
        }
        return elapsed;
    }

    /** The first service must expand to exactly the intended number of instances. */
    private void checkShape(Engine engine) {
        ScoreReport report = engine.evaluate("svc-000000", Engine.ScoreQuery.NOW).report();
        if (report.instances().size() != INSTANCES_PER_SERVICE) {
            throw new IllegalStateException("a service must expand to " + INSTANCES_PER_SERVICE
                    + " test instances, but expanded to " + report.instances().size());
        }
        System.out.printf(Locale.ROOT, "svc-000000: standard %s, %d instances, score %s, verdict %s%n",
                report.standard(), report.instances().size(), report.score(), report.verdict());
    }

    private void breakdown(Store store, int runs) {
        List<String> ids = store.services().stream().map(ServiceDefinition::id).toList();
        long[] services = new long[runs];
        long[] latest = new long[runs];
        long[] waivers = new long[runs];
        for (int i = 0; i < runs; i++) {
            services[i] = nanos(store::services);
            latest[i] = nanos(() -> {
                long[] rows = {0};
                store.forEachServiceLatest(ids, (service, results) -> rows[0] += results.size());
                return rows[0];
            });
            waivers[i] = nanos(() -> store.waivers(null));
        }
        System.out.printf(Locale.ROOT, "  of which reading: services %s s, latest counted results (streamed, not kept) %s s,"
                + " waivers %s s (median (min-max))%n", summary(services), summary(latest), summary(waivers));
    }

    private record Inputs(List<ServiceDefinition> services, Map<String, List<ResultEvent>> latest,
                          Map<String, List<Waiver>> waivers) {
    }

    /** What {@link Engine#scoreServices} does once its inputs are read. */
    private List<ServiceScore> scoreInMemory(Inputs inputs) {
        Map<String, Standard> standards = definitions.standards();
        List<ServiceScore> scores = new ArrayList<>(inputs.services().size());
        for (ServiceDefinition service : inputs.services()) {
            Standard standard = StandardSelector.select(service, null, standards).standard();
            Map<String, TestSuite> suites = new LinkedHashMap<>();
            standard.suites().forEach(id -> suites.put(id, definitions.suites().get(id)));
            ScoreReport report = scorer.score(new ScoreRequest(service, standard, suites,
                    inputs.latest().getOrDefault(service.id(), List.of()), java.util.Set.of(),
                    inputs.waivers().getOrDefault(service.id(), List.of()), NOW, null, null));
            scores.add(ServiceScore.of(service, report));
        }
        return scores;
    }

    private Object rollUp(List<ServiceScore> scores) {
        Rollup org = rollups.organisation(scores);
        Map<String, Rollup> teams = rollups.teams(scores);
        if (org.services() != scores.size() || teams.isEmpty()) {
            throw new IllegalStateException("rollup must cover every service, but covered " + org.services());
        }
        return org.score();
    }

    private static long[] time(String what, int runs, int size, Supplier<Object> work) {
        long[] timed = new long[runs];
        for (int i = -warmup(size); i < runs; i++) {
            System.gc();
            long elapsed = nanos(work);
            if (i < 0) {
                System.out.printf(Locale.ROOT, "  %s warm-up: %.3f s%n", what, elapsed / 1e9);
                continue;
            }
            timed[i] = elapsed;
            System.out.printf(Locale.ROOT, "  %s run %d: %.3f s, %.1f µs/service%n", what, i + 1, elapsed / 1e9,
                    elapsed / 1e3 / size);
        }
        return timed;
    }

    private static long nanos(Supplier<Object> work) {
        long t0 = System.nanoTime();
        Object result = work.get();
        long elapsed = System.nanoTime() - t0;
        if (result == null) {
            throw new IllegalStateException("work must return its result");
        }
        return elapsed;
    }

    private static String summary(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.3f (%.3f-%.3f)", sorted[sorted.length / 2] / 1e9, sorted[0] / 1e9,
                sorted[sorted.length - 1] / 1e9);
    }

    private static String perService(long[] nanos, int size) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.1f", sorted[sorted.length / 2] / 1e3 / size);
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }

    // ---- the organisation

    private static List<ServiceDefinition> services(int size) {
        List<ServiceDefinition> services = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String id = String.format(Locale.ROOT, "svc-%06d", i);
            List<Instance> instances = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                instances.add(new Instance(id + "-" + k, "zone-" + (k % 3), null, null, null));
            }
            List<Dependency> dependencies = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                dependencies.add(new Dependency("dep-" + k, "dep-" + k + ".internal:443", k < 4, null));
            }
            services.add(new ServiceDefinition(id, null, "team-" + (i / 50), TIERS[i % TIERS.length], "production",
                    Map.of(), null, List.of(), instances, dependencies));
        }
        return services;
    }

    private static List<String[]> instancesOf(ServiceDefinition service) {
        List<String[]> targets = new ArrayList<>();
        for (String test : List.of("cpu", "memory", "host")) {
            targets.add(new String[] {test, ""});
        }
        for (String zone : service.zones()) {
            targets.add(new String[] {"zone", zone});
        }
        for (Dependency dependency : service.dependencies()) {
            targets.add(new String[] {"dependency-failure", dependency.id()});
            targets.add(new String[] {"dependency-latency", dependency.id()});
            if (dependency.tls()) {
                targets.add(new String[] {"certificate-expiry", dependency.id()});
            }
        }
        return targets;
    }

    /**
     * A result with a random outcome and age. Its id is a UUID whose high half counts results in
     * generation order and whose low half is random, ordered like the time-ordered UUIDs (version 7)
     * runners may send: random ones would turn every insert into {@code results}' primary-key index
     * into a random write, a cost of ingest that grows with the index and has no bearing on a rescore,
     * which never reads that index.
     */
    private static ResultEvent result(SplittableRandom random, long sequence, ServiceDefinition service, String test,
                                      String target) {
        int roll = random.nextInt(100);
        ResultStatus status = roll < 80 ? ResultStatus.PASSED : roll < 88 ? ResultStatus.DEGRADED
                : roll < 95 ? ResultStatus.FAILED : ResultStatus.HALTED;
        Instant finishedAt = NOW.minusSeconds(random.nextLong(40L * 24 * 3600)).minusNanos(random.nextInt(1_000_000));
        int probes = status == ResultStatus.PASSED ? 60 : random.nextInt(60);
        return new ResultEvent(ResultEvent.SCHEMA_VERSION, new UUID(sequence, random.nextLong()).toString(),
                service.id(), "recommended", test, target, status, finishedAt.minusSeconds(300), finishedAt,
                "1.4." + (random.nextInt(3)), "production", "steadfast-runner",
                "run-" + finishedAt.getEpochSecond() / 86_400, new Measurements(1200L, 8400L, probes, 60),
                service.id() + " " + status.name().toLowerCase(Locale.ROOT) + " " + test);
    }

    // ---- files

    private static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-suites"))) {
                return dir;
            }
        }
        throw new IllegalStateException("the working directory must be inside the repository (a folder holding"
                + " test-suites/), but was " + Path.of("").toAbsolutePath());
    }

    private static long fileBytes(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            long total = 0;
            for (Path file : files.toList()) {
                total += Files.isRegularFile(file) ? Files.size(file) : 0;
            }
            return total;
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
