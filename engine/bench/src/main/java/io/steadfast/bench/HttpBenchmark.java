package io.steadfast.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.name.Names;
import io.steadfast.app.Engine;
import io.steadfast.app.Settings;
import io.steadfast.app.ingest.IngestLoop;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.app.wiring.ConnectorsModule;
import io.steadfast.app.wiring.IngestModule;
import io.steadfast.app.wiring.KafkaClusterModule;
import io.steadfast.app.wiring.RunnerModule;
import io.steadfast.app.wiring.SteadfastModule;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.http.HttpModule;
import io.steadfast.http.HttpServer;
import io.steadfast.http.HttpSettings;
import io.steadfast.http.Role;
import io.steadfast.http.Tokens;
import io.steadfast.spi.ResultSink;
import java.io.IOException;
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
 *       target: p99 at most 10 ms.</li>
 * </ol>
 *
 * <pre>java -cp engine/bench/target/benchmarks.jar io.steadfast.bench.HttpBenchmark [seconds=10] [rounds=2] [connections=16]</pre>
 *
 * Needs {@code wrk} ({@code apt-get install -y wrk}). The server, the broker and the generators share
 * the machine, as they would on a small host.
 */
public final class HttpBenchmark {

    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");

    private HttpBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        Path temp = Files.createTempDirectory("steadfast-http-bench");
        EmbeddedKafka.throwInsteadOfHalting();
        EmbeddedKafka broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        Path root = repositoryRoot();
        Settings settings = Settings.resolve(temp.resolve("data"), null, root.resolve("test-suites"),
                root.resolve("scoring-rules"), Map.of());
        Injector injector = Guice.createInjector(new SteadfastModule(settings, Clock.systemUTC()),
                new KafkaClusterModule(broker.bootstrapServers(), null), new ConnectorsModule(), new IngestModule(),
                new RunnerModule(Map.of()), new HttpModule(new HttpSettings("127.0.0.1", 0)));
        Engine engine = injector.getInstance(Engine.class);
        IngestLoop ingest = injector.getInstance(IngestLoop.class);
        Lifecycle http = injector.getInstance(Key.get(Lifecycle.class, Names.named("http")));
        try {
            for (String id : List.of("bench", "ingested")) {
                String yaml = """
                        apiVersion: steadfast/v1
                        kind: Service
                        id: %s
                        team: bench
                        tier: tier-2
                        environment: production
                        instances: [{id: i-1, zone: a}]
                        """.formatted(id);
                engine.parseServices(id + ".yaml", yaml).forEach(s -> engine.registerService(s, yaml));
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

            long stored = engine.store().results("ingested").size();
            Latency latency = openLoop(client, gate, token, base, 2000, 1000, seconds);
            long ingested = engine.store().results("ingested").size() - stored;
            System.out.printf(Locale.ROOT, "gate at %d req/s for %ds while posting %d results/s: p50 %.2f ms, p90 %.2f"
                    + " ms, p99 %.2f ms, max %.2f ms, errors %d; results accepted %d, stored so far %d"
                    + " (target p99 <= 10 ms): %s%n", 2000, seconds, 1000, latency.p(50), latency.p(90), latency.p(99),
                    latency.p(100), latency.errors, latency.postedResults, ingested,
                    latency.p(99) <= 10 ? "MET" : "MISSED");
        } finally {
            http.stop();
            ingest.stop();
            injector.getInstance(ResultSink.class).close();
            engine.close();
            broker.stop();
        }
        System.exit(0);
    }

    /** Request latencies of the open-loop run, in ms. */
    private static final class Latency {
        double[] sorted;
        long errors;
        long postedResults;

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
     * at {@code resultRate}/s in batches of 50, for {@code seconds}.
     */
    private static Latency openLoop(HttpClient client, String gate, String token, String base, int gateRate,
                                    int resultRate, int seconds) throws Exception {
        ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong posted = new AtomicLong();
        List<CompletableFuture<?>> pending = new ArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(URI.create(gate)).header("Authorization", "Bearer " + token)
                .GET().build();
        Thread results = new Thread(() -> {
            int batch = 50;
            long interval = 1_000_000_000L * batch / resultRate;
            long start = System.nanoTime();
            for (long i = 0; System.nanoTime() - start < seconds * 1_000_000_000L; i++) {
                long due = start + i * interval;
                while (System.nanoTime() < due) {
                    Thread.onSpinWait();
                    if (due - System.nanoTime() > 1_000_000) {
                        sleepQuietly(1);
                    }
                }
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
        results.start();
        long interval = 1_000_000_000L / gateRate;
        long start = System.nanoTime();
        long total = (long) gateRate * seconds;
        for (long i = 0; i < total; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 200_000) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            pending.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((answer, failure) -> {
                if (failure != null || answer.statusCode() != 200) {
                    errors.incrementAndGet();
                } else {
                    latencies.add((System.nanoTime() - due) / 1e6);
                }
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        results.join();
        Latency latency = new Latency();
        latency.sorted = latencies.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        latency.errors = errors.get();
        latency.postedResults = posted.get();
        return latency;
    }

    private static void sleepQuietly(long ms) {
        try {
            Thread.sleep(ms);
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
