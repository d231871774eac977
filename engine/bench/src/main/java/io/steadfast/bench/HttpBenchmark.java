package io.steadfast.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Engine;
import io.steadfast.app.Settings;
import io.steadfast.app.ingest.IngestLoop;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.cli.wiring.ConnectorsModule;
import io.steadfast.cli.wiring.IngestModule;
import io.steadfast.cli.wiring.KafkaClusterModule;
import io.steadfast.cli.wiring.RunnerModule;
import io.steadfast.cli.wiring.SteadfastModule;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.cli.wiring.HttpModule;
import io.steadfast.http.HttpServer;
import io.steadfast.http.HttpSettings;
import io.steadfast.http.Role;
import io.steadfast.http.Tokens;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.scoring.Verdict;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.ScoreSnapshot;
import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTTP API under load, on the production wiring (embedded Kafka broker, ingest, H2 store):
 *
 * <ol>
 *   <li>throughput with {@code wrk} (Debian's, closed loop, fixed connections) of the gate endpoint
 *       {@code GET /api/v1/gates/{service}} against the trivial authenticated route
 *       {@code GET /api/v1/whoami} of the same server in the same run, alternating which goes first;
 *       target: gate at least 50% of whoami's requests per second;</li>
 *   <li>latency of the gate at a fixed 2,000 requests/s (an open-loop generator here: latency is
 *       measured from each request's scheduled time, so a stall counts against every request it
 *       delays) while results are posted to {@code POST /api/v1/results} at 1,000/s and ingested;
 *       target: p99 at most 10 ms; beside it, in the same run, whoami under the same load;</li>
 *   <li>latency of the dashboard's service page for a service with a year of hourly results (8,760, and
 *       a snapshot for each in its history): its three API calls at once, each load finding the inputs
 *       cold, beside three {@code whoami} calls timed the same way; target: each call's p99 at most 50 ms.</li>
 * </ol>
 *
 * <pre>java -XX:+UseZGC -cp engine/bench/target/benchmarks.jar io.steadfast.bench.HttpBenchmark [seconds=10] [rounds=2] [connections=16] [results/s=1000]</pre>
 *
 * With 0 results a second, the latency runs show the floor: what the generator and the server cost on
 * this machine with nothing ingested.
 *
 * Needs {@code wrk} ({@code apt-get install -y wrk}). The server, the broker and the generators share
 * the machine, as they would on a small host, and this JVM: run it on the collector the {@code steadfast}
 * launcher gives {@code serve} (ZGC), which it prints first.
 */
public final class HttpBenchmark {

    private static final String YEARLY = "yearly";
    private static final int HOURS_A_YEAR = 8_760;
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    /** Connections of the open-loop gate generator: enough for 2,000 requests/s at up to 16 ms each. */
    private static final int OPEN_LOOP_CONNECTIONS = 32;

    private HttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int resultRate = args.length > 3 ? Integer.parseInt(args[3]) : 1000;
        System.out.println("collectors: " + ManagementFactory.getGarbageCollectorMXBeans().stream()
                .map(GarbageCollectorMXBean::getName).toList() + ", JVM options: "
                + ManagementFactory.getRuntimeMXBean().getInputArguments());
        Path temp = Files.createTempDirectory("steadfast-http-bench");
        EmbeddedKafka.throwInsteadOfHalting();
        EmbeddedKafka broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        Path root = repositoryRoot();
        Settings settings = Settings.resolve(temp.resolve("data"), null, root.resolve("test-suites"),
                root.resolve("scoring-rules"), Map.of());
        Injector injector = Guice.createInjector(new SteadfastModule(settings, Clock.systemUTC()),
                new KafkaClusterModule(broker.bootstrapServers(), broker.clientPropertiesFile()), new ConnectorsModule(), new IngestModule(),
                new RunnerModule(Map.of()), new HttpModule(new HttpSettings("127.0.0.1", 0)));
        Engine engine = injector.getInstance(Engine.class);
        DefinitionService definitions = injector.getInstance(DefinitionService.class);
        IngestLoop ingest = injector.getInstance(IngestLoop.class);
        Lifecycle http = injector.getInstance(Key.get(Lifecycle.class, Names.named("http")));
        try {
            for (String id : List.of("bench", "ingested", YEARLY)) {
                String yaml = """
                        apiVersion: steadfast/v1
                        kind: Service
                        id: %s
                        team: bench
                        tier: tier-2
                        environment: production
                        instances: [{id: i-1, zone: a}]
                        """.formatted(id);
                definitions.parseServices(id + ".yaml", yaml).forEach(s -> engine.registerService(s, yaml, ServiceOrigin.FILE));
            }
            ingest.start();
            http.start();
            String base = "http://127.0.0.1:" + injector.getInstance(HttpServer.class).port();
            String token = injector.getInstance(Tokens.class).create(Role.ADMIN, null).token();
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            post(client, base, token, "[" + String.join(",", result("bench", "cpu", "", "PASSED"),
                    result("bench", "memory", "", "PASSED"), result("bench", "host", "", "PASSED"),
                    result("bench", "zone", "a", "FAILED")) + "]");
            while (engine.store().latestCountedResults("bench").size() < 4) {
                Thread.sleep(100);
            }
            String gate = base + "/api/v1/gates/bench";
            String whoami = base + "/api/v1/whoami";
            System.out.println("gate answers: " + get(client, gate, token));

            // warm-up
            wrk(whoami, token, 3, connections);
            wrk(gate, token, 3, connections);
            double bestWhoami = 0;
            double bestGate = 0;
            for (int round = 0; round < rounds; round++) {
                boolean gateFirst = round % 2 == 1;
                double first = wrk(gateFirst ? gate : whoami, token, seconds, connections);
                double second = wrk(gateFirst ? whoami : gate, token, seconds, connections);
                double w = gateFirst ? second : first;
                double g = gateFirst ? first : second;
                System.out.printf(Locale.ROOT, "round %d: whoami %.0f req/s, gate %.0f req/s (%.0f%%)%n", round + 1, w,
                        g, 100 * g / w);
                bestWhoami = Math.max(bestWhoami, w);
                bestGate = Math.max(bestGate, g);
            }
            double ratio = bestGate / bestWhoami;
            System.out.printf(Locale.ROOT, "throughput (wrk -t2 -c%d -d%ds, best of %d): whoami %.0f req/s, gate %.0f"
                    + " req/s = %.0f%% (target >= 50%%): %s%n", connections, seconds, rounds, bestWhoami, bestGate,
                    100 * ratio, ratio >= 0.5 ? "MET" : "MISSED");

            seedYear(engine, Instant.now());
            servicePage(engine, client, base, token, seconds * 20);

            // warm-up of the posting and ingest paths, then the same load on whoami first: what the
            // generator, the ingest and the machine cost any route
            openLoop(client, whoami, token, base, 2000, resultRate, 3);
            Latency baseline = openLoop(client, whoami, token, base, 2000, resultRate, seconds);
            System.out.printf(Locale.ROOT, "baseline: whoami at %d req/s for %ds while posting %d results/s: p50 %.2f"
                    + " ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms, errors %d; results accepted %d; this JVM used %.2f of %d"
                    + " cores%n", 2000, seconds, resultRate, baseline.p(50), baseline.p(90), baseline.p(99),
                    baseline.p(100), baseline.errors, baseline.postedResults, baseline.cores,
                    Runtime.getRuntime().availableProcessors());
            long stored = engine.store().results("ingested").size();
            Latency latency = openLoop(client, gate, token, base, 2000, resultRate, seconds);
            long ingested = engine.store().results("ingested").size() - stored;
            System.out.printf(Locale.ROOT, "gate at %d req/s for %ds while posting %d results/s: p50 %.2f ms, p90 %.2f"
                    + " ms, p99 %.2f ms, max %.2f ms, errors %d; results accepted %d, stored so far %d; this JVM used"
                    + " %.2f of %d cores (target p99 <= 10 ms): %s%n", 2000, seconds, resultRate, latency.p(50),
                    latency.p(90), latency.p(99), latency.p(100), latency.errors, latency.postedResults, ingested,
                    latency.cores, Runtime.getRuntime().availableProcessors(),
                    resultRate < 1000 ? "not the target's load" : latency.p(99) <= 10 ? "MET" : "MISSED");
        } finally {
            http.stop();
            ingest.stop();
            injector.getInstance(ResultSink.class).close();
            engine.close();
            broker.stop();
        }
        System.exit(0);
    }

    /**
     * A year of hourly results of {@link #YEARLY} (four tests in turn, one run in 12 failing), stored
     * directly, and a history in which every one of them moved the score: 8,760 snapshots, an hour apart.
     */
    private static void seedYear(Engine engine, Instant now) {
        String[][] tests = {{"cpu", ""}, {"memory", ""}, {"host", ""}, {"zone", "a"}};
        List<ResultEvent> results = new ArrayList<>();
        List<ScoreSnapshot> history = new ArrayList<>();
        for (int hour = HOURS_A_YEAR; hour >= 1; hour--) {
            Instant finished = now.minus(Duration.ofHours(hour));
            String[] test = tests[hour % tests.length];
            ResultStatus status = hour % 12 == 0 ? ResultStatus.FAILED : ResultStatus.PASSED;
            results.add(new ResultEvent(ResultEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), YEARLY, "recommended",
                    test[0], test[1], status, finished.minusSeconds(30), finished, "1." + (hour / 720), null, null,
                    null, null, null));
            history.add(new ScoreSnapshot(YEARLY, finished.plusSeconds(1), "org-default",
                    BigDecimal.valueOf(hour % 2 == 0 ? 75 : 50), hour % 2 == 0 ? Verdict.WARN : Verdict.FAIL, 1.0));
            if (results.size() == 1000) {
                engine.store().storeResults(results, now);
                results.clear();
            }
        }
        engine.store().storeResults(results, now);
        engine.store().recordSnapshots(history);
        engine.invalidate(YEARLY);
    }

    /**
     * What the dashboard's service page asks for ({@code js/pages/service.js}, {@code service.load}), at once as it
     * does: the score, its history and the organisation's scores (for the service's listing); the page
     * is ready when all three have answered. Each load finds the service's inputs cold, as a dashboard
     * polling every 2 s does (they are cached for 1 s). Beside it, in the same run: three concurrent
     * {@code whoami} calls, timed the same way.
     */
    private static void servicePage(Engine engine, HttpClient client, String base, String token, int pages)
            throws Exception {
        String service = base + "/api/v1/scores/" + YEARLY;
        // the page asks for the history of its trend's days, from when the page loads
        String from = Instant.now().minus(Duration.ofDays(30)).toString();
        List<String> calls = List.of(service, service + "/history?from=" + from, base + "/api/v1/scores");
        String whoami = base + "/api/v1/whoami";
        for (String call : calls) {
            System.out.println("service page: " + call.substring(base.length()).replaceAll("from=.*", "from=-30d")
                    + " answers "
                    + get(client, call, token).length() + " bytes");
        }
        timePage(engine, client, calls, token, pages / 4); // warm-up
        timePage(engine, client, List.of(whoami, whoami, whoami), token, pages / 4);
        double[][] baseline = timePage(engine, client, List.of(whoami, whoami, whoami), token, pages);
        double[][] page = timePage(engine, client, calls, token, pages);
        System.out.printf(Locale.ROOT, "service page of %s (%,d results, %,d snapshots), %d loads one at a time:%n",
                YEARLY, engine.store().results(YEARLY).size(), engine.store().history(YEARLY).size(), pages);
        String[] names = {"GET /scores/" + YEARLY, "GET /scores/" + YEARLY + "/history?from", "GET /scores",
                "page (all three)"};
        for (int i = 0; i < names.length; i++) {
            System.out.printf(Locale.ROOT, "  %-30s p50 %6.2f ms, p95 %6.2f ms, p99 %6.2f ms, max %6.2f ms%n", names[i],
                    percentile(page[i], 50), percentile(page[i], 95), percentile(page[i], 99), percentile(page[i], 100));
        }
        System.out.printf(Locale.ROOT, "  %-30s p50 %6.2f ms, p95 %6.2f ms, p99 %6.2f ms, max %6.2f ms%n",
                "baseline: 3 x whoami", percentile(baseline[3], 50), percentile(baseline[3], 95),
                percentile(baseline[3], 99), percentile(baseline[3], 100));
        double worst = Math.max(percentile(page[0], 99), Math.max(percentile(page[1], 99), percentile(page[2], 99)));
        System.out.printf(Locale.ROOT, "service page: slowest call's p99 %.2f ms (target <= 50 ms): %s%n", worst,
                worst <= 50 ? "MET" : "MISSED");
    }

    /** Per call and for the whole page (the last of them), sorted latencies in ms. */
    private static double[][] timePage(Engine engine, HttpClient client, List<String> calls, String token, int pages)
            throws Exception {
        double[][] latencies = new double[calls.size() + 1][pages];
        for (int p = 0; p < pages; p++) {
            engine.invalidate(YEARLY);
            long start = System.nanoTime();
            List<CompletableFuture<Long>> answers = new ArrayList<>();
            for (String call : calls) {
                answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(call))
                        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofByteArray())
                        .thenApply(answer -> {
                            if (answer.statusCode() != 200) {
                                throw new IllegalStateException(call + " must answer 200, but answered "
                                        + answer.statusCode());
                            }
                            return System.nanoTime();
                        }));
            }
            long last = start;
            for (int c = 0; c < calls.size(); c++) {
                long done = answers.get(c).join();
                latencies[c][p] = (done - start) / 1e6;
                last = Math.max(last, done);
            }
            latencies[calls.size()][p] = (last - start) / 1e6;
            Thread.sleep(20);
        }
        for (double[] each : latencies) {
            Arrays.sort(each);
        }
        return latencies;
    }

    private static double percentile(double[] sorted, double percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    /** Request latencies of the open-loop run, in ms. */
    private static final class Latency {
        double[] sorted;
        long errors;
        long postedResults;
        /** CPU this JVM (server, broker, ingest and generators) used in the run, in cores. */
        double cores;

        double p(double percentile) {
            if (sorted.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }
    }

    /**
     * Sends gate requests at {@code gateRate}/s, each timed from when it was due, and posts results
     * at {@code resultRate}/s in batches of 50, for {@code seconds}. The gate requests go over at most
     * {@link #OPEN_LOOP_CONNECTIONS} connections, each worker sending its share of the schedule (as
     * wrk2 does): a worker that falls behind sends at once, and the wait counts in the latency.
     */
    private static Latency openLoop(HttpClient client, String gate, String token, String base, int gateRate,
                                    int resultRate, int seconds) throws Exception {
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong posted = new AtomicLong();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gate)).header("Authorization", "Bearer " + token)
                .GET().build();
        Thread results = new Thread(() -> {
            int batch = 50;
            long interval = 1_000_000_000L * batch / Math.max(1, resultRate);
            long start = System.nanoTime();
            for (long i = 0; resultRate > 0 && System.nanoTime() - start < seconds * 1_000_000_000L; i++) {
                waitUntil(start + i * interval);
                List<String> records = new ArrayList<>();
                for (int r = 0; r < batch; r++) {
                    records.add(result("ingested", "cpu", "", "PASSED"));
                }
                try {
                    HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/results"))
                            .header("Authorization", "Bearer " + token)
                            .POST(HttpRequest.BodyPublishers.ofString("[" + String.join(",", records) + "]")).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 202) {
                        posted.addAndGet(batch);
                    }
                } catch (IOException | InterruptedException e) {
                    return;
                }
            }
        }, "results-poster");
        long interval = 1_000_000_000L / gateRate;
        long total = (long) gateRate * seconds;
        long start = System.nanoTime() + 50_000_000L;
        List<Thread> workers = new ArrayList<>();
        for (int w = 0; w < OPEN_LOOP_CONNECTIONS; w++) {
            int worker = w;
            workers.add(new Thread(() -> {
                for (long i = worker; i < total; i += OPEN_LOOP_CONNECTIONS) {
                    long due = start + i * interval;
                    waitUntil(due);
                    try {
                        HttpResponse<Void> answer = client.send(request, HttpResponse.BodyHandlers.discarding());
                        if (answer.statusCode() == 200) {
                            latencies.add((System.nanoTime() - due) / 1e6);
                        } else {
                            errors.incrementAndGet();
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "gate-" + w));
        }
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long wallBefore = System.nanoTime();
        results.start();
        workers.forEach(Thread::start);
        for (Thread worker : workers) {
            worker.join();
        }
        results.join();
        Latency latency = new Latency();
        latency.cores = (double) (os.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - wallBefore);
        latency.sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        latency.errors = errors.get();
        latency.postedResults = posted.get();
        return latency;
    }

    private static void waitUntil(long due) {
        for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
            if (wait > 200_000) {
                sleepQuietly(wait / 1_000_000, (int) (wait % 1_000_000));
            } else {
                Thread.onSpinWait();
            }
        }
    }

    private static void sleepQuietly(long ms, int nanos) {
        try {
            Thread.sleep(ms, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static double wrk(String url, String token, int seconds, int connections) throws Exception {
        Process wrk = new ProcessBuilder("wrk", "-t2", "-c" + connections, "-d" + seconds + "s", "--latency",
                "-H", "Authorization: Bearer " + token, url).redirectErrorStream(true).start();
        String out = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (wrk.waitFor() != 0 || out.contains("Non-2xx")) {
            throw new IllegalStateException("wrk on " + url + " must succeed with 2xx answers only, but printed:\n" + out);
        }
        Matcher m = RPS.matcher(out);
        if (!m.find()) {
            throw new IllegalStateException("wrk output must hold Requests/sec, but was:\n" + out);
        }
        return Double.parseDouble(m.group(1));
    }

    private static void post(HttpClient client, String base, String token, String body) throws Exception {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/results"))
                .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 202 || !answer.body().contains("\"rejected\":[]")) {
            throw new IllegalStateException("results must be accepted, but the answer was " + answer.statusCode() + " "
                    + answer.body());
        }
    }

    private static String get(HttpClient client, String url, String token) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }

    private static String result(String service, String test, String target, String status) {
        Instant finished = Instant.now().minusSeconds(60);
        return "{\"schemaVersion\":1,\"resultId\":\"" + UUID.randomUUID() + "\",\"service\":\"" + service
                + "\",\"suite\":\"recommended\",\"test\":\"" + test + "\",\"target\":\"" + target + "\",\"status\":\""
                + status + "\",\"startedAt\":\"" + finished.minusSeconds(30) + "\",\"finishedAt\":\"" + finished + "\"}";
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-suites"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("must run inside the repository (test-suites/ not found above "
                    + Path.of("").toAbsolutePath() + ")");
        }
        return dir;
    }

}
