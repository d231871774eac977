package io.steadfast.bench;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.results.ResultReader;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.result.ResultEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Ingest throughput: results from {@code steadfast.results} into the embedded H2 file store, beside a
 * plain Kafka consumer reading and parsing the same records in the same run (the issue's target: at
 * least 50% of the plain consumer's records per second, on 1,000,000 results).
 *
 * <p>It starts an embedded broker and the engine as {@code serve} wires it ({@link ServePipeline}, an
 * organisation of {@code -Dservices} services, default 1,000, of 30 test instances each), publishes
 * N results with the real result sink (runs of 30, one per test instance of a service, services in
 * turn), then reads them all:
 * <ol>
 *   <li><b>plain consumer</b> (the baseline): a {@code KafkaConsumer} of its own group reads every
 *       record from the start and parses it into a {@link ResultEvent} with the engine's
 *       {@link ResultReader}, nothing else;
 *   <li><b>ingest</b>: the engine's ingest loop (source, handler, store, scoring of the services each
 *       batch touches, score events) from its fresh consumer group, until the group has committed
 *       every record (it commits a batch only once it is stored);
 *   <li><b>plain consumer</b> again, from another fresh group, so that the baseline brackets ingest on
 *       a machine whose load changes.
 * </ol>
 * Each is timed from subscribing to its last record; the ratio is ingest over the mean of the two
 * baselines. Finally the stored count must equal N.
 *
 * <pre>
 * ./mvnw -q -B -o -pl engine/bench -am package -DskipTests
 * java -cp engine/bench/target/benchmarks.jar io.steadfast.bench.IngestBenchmark [results=1000000]
 * </pre>
 */
public final class IngestBenchmark {

    private static final int SERVICES = Integer.getInteger("services", 1_000);
    private static final int PUBLISH_CHUNK = 10_000;

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(2); // the broker's threads would keep the JVM alive
        }
        System.exit(0);
    }

    private static void run(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0].replaceFirst("^results=", "").replace("_", "")) : 1_000_000;
        System.out.printf(Locale.ROOT, "IngestBenchmark: %,d results, %,d services, %d cores, max heap %d MiB%n", n,
                SERVICES, Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        try (ServePipeline pipeline = new ServePipeline(ServePipeline.services(SERVICES))) {
            publish(pipeline, n);
            double plainBefore = plain(pipeline, n, "bench-plain-1");
            double ingest = ingest(pipeline, n);
            double plainAfter = plain(pipeline, n, "bench-plain-2");
            long stored = pipeline.storedResults();
            double baseline = (plainBefore + plainAfter) / 2;
            System.out.printf(Locale.ROOT, "%nplain consumer: %,.0f records/s (before %,.0f, after %,.0f)%n", baseline,
                    plainBefore, plainAfter);
            System.out.printf(Locale.ROOT, "ingest:         %,.0f records/s%n", ingest);
            System.out.printf(Locale.ROOT, "ratio:          %.0f%% of the plain consumer (target >= 50%%)%n",
                    100 * ingest / baseline);
            System.out.printf(Locale.ROOT, "stored:         %,d of %,d results%s%n", stored, n,
                    stored == n ? "" : "  <-- MISMATCH");
            if (stored != n) {
                throw new IllegalStateException("every published result must be stored once, but " + stored + " of " + n + " were");
            }
        }
    }

    private static void publish(ServePipeline pipeline, long n) {
        ResultSink sink = pipeline.sink();
        SplittableRandom random = new SplittableRandom(42);
        Instant start = Instant.now().minus(Duration.ofDays(7));
        List<ResultEvent> chunk = new ArrayList<>(PUBLISH_CHUNK);
        long t0 = System.nanoTime();
        long produced = 0;
        for (long run = 0; produced < n; run++) {
            ServiceDefinition service = pipeline.services.get((int) (run % pipeline.services.size()));
            Instant finishedAt = start.plusSeconds(run * 7 / pipeline.services.size());
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
    private static double plain(ServePipeline pipeline, long n, String group) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, pipeline.broker.bootstrapServers());
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

    /** The ingest loop's records per second, until its group has committed every record. */
    private static double ingest(ServePipeline pipeline, long n) throws InterruptedException, ExecutionException {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                pipeline.broker.bootstrapServers()))) {
            long t0 = System.nanoTime();
            pipeline.startIngest();
            long committed = 0;
            long lastReport = t0;
            while (committed < n) {
                Thread.sleep(50);
                committed = committed(admin);
                if (System.nanoTime() - lastReport > 5e9) {
                    lastReport = System.nanoTime();
                    System.out.printf(Locale.ROOT, "  ingest: %,d committed after %.1f s%n", committed,
                            (lastReport - t0) / 1e9);
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "ingest (group steadfast-engine): %,d records stored and committed in %.1f s:"
                    + " %,.0f records/s%n", committed, seconds, committed / seconds);
            return committed / seconds;
        }
    }

    private static long committed(Admin admin) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets("steadfast-engine")
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
