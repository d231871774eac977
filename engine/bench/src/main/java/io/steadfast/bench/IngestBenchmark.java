package io.steadfast.bench;

import io.steadfast.app.Settings;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.results.ResultReader;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.result.ResultEvent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Ingest throughput: results from {@code steadfast.results} into the store, beside a plain Kafka
 * consumer reading and parsing the same records in the same run (the issue's target: at least 50% of
 * the plain consumer's records per second, on 1,000,000 results).
 *
 * <p>It starts an embedded broker and the engine as {@code serve} wires it ({@link ServePipeline}, an
 * organisation of {@code -Dservices} services, default 1,000, of 30 test instances each), publishes
 * N results once with the real result sink (runs of 30, one per test instance of a service, services
 * in turn), then reads them all:
 * <ol>
 *   <li><b>plain consumer</b> (the baseline): a {@code KafkaConsumer} of its own group reads every
 *       record from the start and parses it into a {@link ResultEvent} with the engine's
 *       {@link ResultReader}, nothing else;
 *   <li><b>ingest</b>: the engine's ingest loop (source, handler, store, and beside them the fold into
 *       the latest counted results with the scoring of the services it reaches and their score events)
 *       from a fresh consumer group, until the group has committed every record (it commits a batch
 *       only once it is stored); then, on H2, until the fold has taken in every stored result (how long
 *       after the last commit is printed), so that no fold runs under the second baseline;
 *   <li>with {@code db-url}: <b>ingest by two instances</b>, two engines in one fresh consumer group
 *       storing into one fresh database, as two {@code serve} processes on one broker and one
 *       PostgreSQL would;
 *   <li><b>plain consumer</b> again, from another fresh group, so that the baseline brackets ingest on
 *       a machine whose load changes.
 * </ol>
 * Each is timed from subscribing to its last record; each ratio is ingest over the mean of the two
 * baselines. After each ingest the stored count must equal N.
 *
 * <p>Before all of this, a <b>warm-up</b> takes {@code warmup} results (default 200,000) through
 * the same steps (publish, plain consumer, ingest, fold) on an embedded broker and an H2 store of
 * their own, and its figures are not counted: the JIT compiles ingest's code there, as it would in a
 * {@code serve} that has been running, rather than during the measured ingest (where the compiler
 * threads took a third of the machine). The plain consumer's code is warmed the same way.
 *
 * <p>Without {@code db-url} the store is an H2 file in a temporary directory. With
 * {@code db-url=jdbc:postgresql://HOST:PORT/DB} it is PostgreSQL: the benchmark connects to DB (with
 * {@code STEADFAST_DB_USER} and {@code STEADFAST_DB_PASSWORD} or {@code _FILE}, as {@code serve}) and
 * creates a fresh database for each ingest, {@code steadfast_bench_one} and {@code steadfast_bench_two}
 * (dropping any left from an earlier run); the results topic gets {@code -Dpartitions} partitions,
 * default 6, so that two instances take three each.
 *
 * <pre>
 * ./mvnw -q -B -o -pl engine/bench -am package -DskipTests
 * java -cp engine/bench/target/benchmarks.jar io.steadfast.bench.IngestBenchmark [results=1000000] [warmup=200000]
 * STEADFAST_DB_USER=U STEADFAST_DB_PASSWORD=P java -cp engine/bench/target/benchmarks.jar \
 *     io.steadfast.bench.IngestBenchmark results=1000000 db-url=jdbc:postgresql://127.0.0.1:55432/postgres
 * </pre>
 */
public final class IngestBenchmark {

    private static final int SERVICES = Integer.getInteger("services", 1_000);
    private static final int PARTITIONS = Integer.getInteger("partitions", 6);
    private static final int PUBLISH_CHUNK = 10_000;
    private static final Duration STALL = Duration.ofMinutes(2);

    public static void main(String[] args) throws Exception {
        try {
            run(options(args));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(2); // the broker's threads would keep the JVM alive
        }
        System.exit(0);
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !Set.of("results", "warmup", "db-url").contains(pair[0])) {
                throw new IllegalArgumentException("an argument must be results=N, warmup=N or db-url=URL, but was '"
                        + arg + "'");
            }
            options.put(pair[0], pair[1]);
        }
        return options;
    }

    private static void run(Map<String, String> options) throws Exception {
        long n = Long.parseLong(options.getOrDefault("results", "1000000").replace("_", ""));
        String dbUrl = options.get("db-url");
        System.out.printf(Locale.ROOT, "IngestBenchmark: %,d results, %,d services, store %s, %d cores, max heap %d MiB%n",
                n, SERVICES, dbUrl == null ? "H2 file" : "PostgreSQL at " + dbUrl,
                Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        List<ServiceDefinition> services = ServePipeline.services(SERVICES);
        long warmup = Long.parseLong(options.getOrDefault("warmup", "200000").replace("_", ""));
        if (warmup > 0) {
            warmUp(warmup, services);
        }
        if (dbUrl == null) {
            onH2(n, services);
        } else {
            onPostgres(n, services, dbUrl);
        }
    }

    /** Takes n results through every step, on a broker and a store of their own; nothing is counted. */
    private static void warmUp(long n, List<ServiceDefinition> services) throws Exception {
        System.out.printf(Locale.ROOT, "warm-up, not counted: %,d results through the same steps%n", n);
        try (ServePipeline pipeline = new ServePipeline(services)) {
            Map<String, String> client = pipeline.broker.clientProperties();
            publish(pipeline.sink(), services, n);
            plain(client, n, "bench-warmup-plain");
            ingest(client, "steadfast-engine", n, List.of(pipeline));
            folded(pipeline);
        }
        System.out.printf(Locale.ROOT, "warm-up done%n%n");
    }

    private static void onH2(long n, List<ServiceDefinition> services) throws Exception {
        try (ServePipeline pipeline = new ServePipeline(services)) {
            Map<String, String> client = pipeline.broker.clientProperties();
            publish(pipeline.sink(), services, n);
            double plainBefore = plain(client, n, "bench-plain-1");
            double ingest = ingest(client, "steadfast-engine", n, List.of(pipeline));
            folded(pipeline);
            double plainAfter = plain(client, n, "bench-plain-2");
            double baseline = baseline(plainBefore, plainAfter);
            report("ingest", ingest, baseline, pipeline.storedResults(), n);
            long bytes = pipeline.storeFileBytes();
            System.out.printf(Locale.ROOT, "  store file: %,.1f MB, %,.0f bytes a result%n", bytes / 1e6, (double) bytes / n);
        }
    }

    private static void onPostgres(long n, List<ServiceDefinition> services, String serverUrl) throws Exception {
        Map<String, String> env = System.getenv();
        Path dir = Files.createTempDirectory("steadfast-ingest-bench-");
        EmbeddedKafka broker = EmbeddedKafka.onFreePort(dir.resolve("kafka"));
        broker.start();
        Map<String, String> client = broker.clientProperties();
        try {
            double plainBefore;
            double one;
            long storedByOne;
            try (ServePipeline instance = ServePipeline.joining(broker, freshDatabase(serverUrl, env, "steadfast_bench_one"),
                    env, group("steadfast-bench-one"), services)) {
                publish(instance.sink(), services, n);
                plainBefore = plain(client, n, "bench-plain-1");
                one = ingest(client, "steadfast-bench-one", n, List.of(instance));
                storedByOne = instance.storedResults();
            }
            double two;
            long storedByTwo;
            String database = freshDatabase(serverUrl, env, "steadfast_bench_two");
            try (ServePipeline first = ServePipeline.joining(broker, database, env, group("steadfast-bench-two"), services);
                 ServePipeline second = ServePipeline.joining(broker, database, env, group("steadfast-bench-two"),
                         List.of())) {
                two = ingest(client, "steadfast-bench-two", n, List.of(first, second));
                storedByTwo = first.storedResults();
            }
            double plainAfter = plain(client, n, "bench-plain-2");
            double baseline = baseline(plainBefore, plainAfter);
            report("ingest, 1 instance", one, baseline, storedByOne, n);
            report("ingest, 2 instances", two, baseline, storedByTwo, n);
            System.out.printf(Locale.ROOT, "two instances / one: %.2f%n", two / one);
        } finally {
            broker.stop();
            ServePipeline.deleteTree(dir);
        }
    }

    private static Map<String, String> group(String id) {
        return Map.of("steadfast.group.id", id, "steadfast.topic.partitions", String.valueOf(PARTITIONS));
    }

    /** Creates database {@code name} afresh on the server of {@code serverUrl}; returns its URL. */
    private static String freshDatabase(String serverUrl, Map<String, String> env, String name) throws SQLException {
        if (!serverUrl.startsWith("jdbc:postgresql://")) {
            throw new IllegalArgumentException("db-url must be a PostgreSQL URL (jdbc:postgresql://HOST:PORT/DB), but was '"
                    + serverUrl + "'");
        }
        Settings credentials = Settings.resolve(Path.of("."), serverUrl, null, null, env);
        try (Connection c = DriverManager.getConnection(serverUrl, credentials.dbUser(), credentials.dbPassword());
             Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            s.execute("CREATE DATABASE " + name);
        }
        return serverUrl.replaceFirst("^(jdbc:postgresql://[^/]+/)[^?]*", "$1" + name);
    }

    private static double baseline(double before, double after) {
        double baseline = (before + after) / 2;
        System.out.printf(Locale.ROOT, "%nplain consumer: %,.0f records/s (before %,.0f, after %,.0f)%n", baseline,
                before, after);
        return baseline;
    }

    /** Waits until the engine has folded every stored result into the scores, and says how long that took. */
    private static void folded(ServePipeline pipeline) throws InterruptedException {
        long t0 = System.nanoTime();
        while (pipeline.engine.store().foldLag() > 0) {
            Thread.sleep(50);
        }
        System.out.printf(Locale.ROOT, "  every stored result folded and scored %.1f s after the last was committed%n",
                (System.nanoTime() - t0) / 1e9);
    }

    /** Prints a rate beside the baseline and the stored count; fails unless every result was stored once. */
    private static void report(String what, double rate, double baseline, long stored, long n) {
        System.out.printf(Locale.ROOT, "%s: %,.0f records/s, %.0f%% of the plain consumer (target >= 50%%)%n", what, rate,
                100 * rate / baseline);
        System.out.printf(Locale.ROOT, "  stored: %,d of %,d results%s%n", stored, n, stored == n ? "" : "  <-- MISMATCH");
        if (stored != n) {
            throw new IllegalStateException("every published result must be stored once (" + what + "), but " + stored
                    + " of " + n + " were");
        }
    }

    private static void publish(ResultSink sink, List<ServiceDefinition> services, long n) {
        SplittableRandom random = new SplittableRandom(42);
        Instant start = Instant.now().minus(Duration.ofDays(7));
        List<ResultEvent> chunk = new ArrayList<>(PUBLISH_CHUNK);
        long t0 = System.nanoTime();
        long produced = 0;
        for (long run = 0; produced < n; run++) {
            ServiceDefinition service = services.get((int) (run % services.size()));
            Instant finishedAt = start.plusSeconds(run * 7 / services.size());
            for (String[] instance : ServePipeline.instancesOf(service)) {
                if (produced == n) {
                    break;
                }
                chunk.add(ServePipeline.result(random, service, instance[0], instance[1],
                        finishedAt.plusMillis(random.nextInt(60_000))));
                produced++;
                if (chunk.size() == PUBLISH_CHUNK) {
                    sink.publish(chunk);
                    chunk.clear();
                }
            }
        }
        if (!chunk.isEmpty()) {
            sink.publish(chunk);
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "published %,d results with the result sink in %.1f s: %,.0f records/s%n", n,
                seconds, n / seconds);
    }

    /** A plain consumer's records per second, reading and parsing all n records from the start. */
    private static double plain(Map<String, String> client, long n, String group) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        ResultReader reader = new ResultReader();
        long parsed = 0;
        long t0 = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of("steadfast.results"));
            while (parsed < n) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                for (ConsumerRecord<String, byte[]> record : records) {
                    try {
                        reader.readRecord(record.topic() + "-" + record.partition() + "@" + record.offset(),
                                record.value());
                    } catch (ResultReader.InvalidResultException e) {
                        throw new IllegalStateException("a published result must parse, but: " + e.getMessage(), e);
                    }
                    parsed++;
                }
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf(Locale.ROOT, "plain consumer (%s): %,d records read and parsed in %.1f s: %,.0f records/s%n",
                group, parsed, seconds, parsed / seconds);
        return parsed / seconds;
    }

    /** The ingest loops' records per second, all in one group, until it has committed every record. */
    private static double ingest(Map<String, String> client, String group, long n, List<ServePipeline> instances)
            throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(new HashMap<>(client))) {
            long t0 = System.nanoTime();
            instances.forEach(ServePipeline::startIngest);
            long committed = 0;
            long lastReport = t0;
            long lastProgress = t0;
            while (committed < n) {
                Thread.sleep(100);
                long now = committed(admin, group);
                if (now > committed) {
                    committed = now;
                    lastProgress = System.nanoTime();
                } else if (System.nanoTime() - lastProgress > STALL.toNanos()) {
                    throw new IllegalStateException("ingest must make progress, but group '" + group + "' committed"
                            + " nothing more in " + STALL.toSeconds() + " s, at " + committed + " of " + n);
                }
                if (System.nanoTime() - lastReport > 15e9) {
                    lastReport = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  ingest: %,d committed after %.1f s%n", committed,
                            (lastReport - t0) / 1e9);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "ingest (group %s, %d instance%s): %,d records stored and committed in %.1f s:"
                    + " %,.0f records/s%n", group, instances.size(), instances.size() == 1 ? "" : "s", committed, seconds,
                    committed / seconds);
            return committed / seconds;
        }
    }

    private static long committed(Admin admin, String group) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get();
        long total = 0;
        for (OffsetAndMetadata offset : offsets.values()) {
            if (offset != null) {
                total += offset.offset();
            }
        }
        return total;
    }

    private IngestBenchmark() {
    }
}
