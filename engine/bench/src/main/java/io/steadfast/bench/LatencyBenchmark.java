package io.steadfast.bench;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * End-to-end latency, result produced to score updated, at a steady rate (the target: p99 at
 * most 500 ms at 1,000 results/s).
 *
 * <p>The engine ingests as {@code serve} does ({@link ServePipeline}: embedded broker, H2 file store,
 * ingest loop, score events on {@code steadfast.scores}). A producer publishes results with the real
 * result sink, {@code rate} per second in ticks of 10 ms, for {@code seconds}; the first
 * {@code warmup} seconds are not counted.
 *
 * <p><b>"Score updated"</b> is the arrival of the service's score event on {@code steadfast.scores}.
 * The engine sends it right after it recorded the changed score in the store, so it is the first
 * moment anyone outside the engine can see the new score: the latency covers producing, the broker,
 * the ingest poll, storing, scoring, recording the snapshot and the event's own trip through the
 * broker. An event is sent only when a score changes, so every result changes one, and only one:
 * there are {@code rate × seconds} services (tier-2, the shipped {@code org-default} standard), and
 * each gets one result, a PASSED {@code cpu} test, which takes its score from {@code NO_DATA} to a
 * number. Each event is the score update of its service's one result, whenever the engine scores it
 * and however many results it scores at once. Results with no event by the end are reported as
 * never scored; events of services with no result waiting as unexpected.
 *
 * <pre>
 * ./mvnw -q -B -o -pl engine/bench -am package -DskipTests
 * java -cp engine/bench/target/benchmarks.jar io.steadfast.bench.LatencyBenchmark [rate=1000] [seconds=60] [warmup=10]
 * </pre>
 */
public final class LatencyBenchmark {

    private static final long TICK_NANOS = 10_000_000;

    public static void main(String[] args) {
        try {
            run(arguments(args));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(2); // the broker's threads would keep the JVM alive
        }
        System.exit(0);
    }

    private static Map<String, Integer> arguments(String[] args) {
        Map<String, Integer> values = new HashMap<>(Map.of("rate", 1000, "seconds", 60, "warmup", 10));
        for (String arg : args) {
            String[] pair = arg.split("=", 2);
            if (pair.length != 2 || !values.containsKey(pair[0])) {
                throw new IllegalArgumentException("arguments must be rate=N, seconds=N or warmup=N, but one was '"
                        + arg + "'");
            }
            values.put(pair[0], Integer.parseInt(pair[1].replace("_", "")));
        }
        return values;
    }

    private static void run(Map<String, Integer> args) throws Exception {
        int rate = args.get("rate");
        int seconds = args.get("seconds");
        int warmup = args.get("warmup");
        System.out.printf(Locale.ROOT, "LatencyBenchmark: %,d results/s for %d s (the first %d s not counted),"
                + " %d cores%n", rate, seconds, warmup, Runtime.getRuntime().availableProcessors());
        List<ServiceDefinition> services = ServePipeline.services(rate * seconds).stream()
                .map(s -> new ServiceDefinition(s.id(), s.name(), s.team(), "tier-2", s.environment(), s.tags(),
                        s.standard(), s.healthChecks(), s.instances(), s.dependencies()))
                .toList();
        try (ServePipeline pipeline = new ServePipeline(services)) {
            ResultSink sink = pipeline.sink();
            sink.publish(List.of()); // creates the topics
            Map<String, ArrayDeque<long[]>> pending = new ConcurrentHashMap<>();
            services.forEach(s -> pending.put(s.id(), new ArrayDeque<>()));
            ScoreWatcher watcher = new ScoreWatcher(pipeline.broker.clientProperties(), pending);
            Thread watching = new Thread(watcher, "score-watcher");
            watching.start();
            watcher.ready.join();
            pipeline.startIngest();

            long total = (long) rate * seconds;
            long counted = (long) rate * warmup;
            long perTick = Math.max(1, rate / (1_000_000_000L / TICK_NANOS));
            long start = System.nanoTime();
            long sent = 0;
            for (long tick = 0; sent < total; tick++) {
                long due = start + tick * TICK_NANOS;
                while (System.nanoTime() < due) {
                    LockSupport.parkNanos(due - System.nanoTime());
                }
                List<ResultEvent> results = new ArrayList<>();
                List<long[]> marks = new ArrayList<>();
                long now = System.nanoTime();
                for (int i = 0; i < perTick && sent < total; i++, sent++) {
                    results.add(result(services.get((int) sent).id()));
                    marks.add(new long[] {now, sent >= counted ? 1 : 0});
                }
                for (int i = 0; i < results.size(); i++) {
                    ArrayDeque<long[]> queue = pending.get(results.get(i).service());
                    synchronized (queue) {
                        queue.add(marks.get(i));
                    }
                }
                sink.publish(results);
            }
            double producing = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "produced %,d results in %.1f s (%,.0f/s)%n", total, producing,
                    total / producing);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (watcher.matched.get() + watcher.unexpected.get() < total && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            watcher.stop.set(true);
            watching.join();
            report(watcher, total, total - counted);
        }
    }

    private static ResultEvent result(String service) {
        Instant finishedAt = Instant.now();
        return new ResultEvent(ResultEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), service, "recommended", "cpu",
                "", ResultStatus.PASSED, finishedAt.minusSeconds(60), finishedAt, "1.4.2", "production",
                "steadfast-runner", null, new Measurements(1200L, 8400L, 60, 60), null);
    }

    private static void report(ScoreWatcher watcher, long total, long countedTotal) {
        long[] latencies;
        synchronized (watcher.latencies) {
            latencies = watcher.latencies.stream().mapToLong(Long::longValue).toArray();
        }
        Arrays.sort(latencies);
        System.out.printf(Locale.ROOT, "%nscore events: %,d matched to results, %,d unexpected; %,d of %,d results"
                + " never scored%n", watcher.matched.get(), watcher.unexpected.get(),
                total - watcher.matched.get(), total);
        if (latencies.length == 0) {
            throw new IllegalStateException("no counted result was scored");
        }
        System.out.printf(Locale.ROOT, "latency, produced to score updated, over %,d counted results (of %,d):%n",
                latencies.length, countedTotal);
        System.out.printf(Locale.ROOT, "  p50 %s  p95 %s  p99 %s  max %s  (target: p99 <= 500 ms)%n",
                ms(percentile(latencies, 50)), ms(percentile(latencies, 95)), ms(percentile(latencies, 99)),
                ms(latencies[latencies.length - 1]));
    }

    private static long percentile(long[] sorted, double p) {
        int index = (int) Math.ceil(p / 100 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String ms(long nanos) {
        return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

    /** Reads {@code steadfast.scores} from its end and matches each event to its service's waiting result. */
    private static final class ScoreWatcher implements Runnable {

        final java.util.concurrent.CompletableFuture<Void> ready = new java.util.concurrent.CompletableFuture<>();
        final AtomicBoolean stop = new AtomicBoolean();
        final AtomicLong matched = new AtomicLong();
        final AtomicLong unexpected = new AtomicLong();
        final List<Long> latencies = new ArrayList<>();
        private final Map<String, String> client;
        private final Map<String, ArrayDeque<long[]>> pending;

        ScoreWatcher(Map<String, String> client, Map<String, ArrayDeque<long[]>> pending) {
            this.client = client;
            this.pending = pending;
        }

        @Override
        public void run() {
            Map<String, Object> props = new HashMap<>(client);
            props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new ByteArrayDeserializer())) {
                List<TopicPartition> partitions = consumer.partitionsFor("steadfast.scores").stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToEnd(partitions);
                partitions.forEach(consumer::position);
                ready.complete(null);
                while (!stop.get()) {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                        long now = System.nanoTime();
                        ArrayDeque<long[]> queue = pending.get(record.key());
                        long[] mark;
                        synchronized (queue) {
                            mark = queue.poll();
                        }
                        if (mark == null) {
                            unexpected.incrementAndGet();
                            continue;
                        }
                        matched.incrementAndGet();
                        if (mark[1] == 1) {
                            synchronized (latencies) {
                                latencies.add(now - mark[0]);
                            }
                        }
                    }
                }
            } catch (RuntimeException e) {
                ready.completeExceptionally(e);
                throw e;
            }
        }
    }

    private LatencyBenchmark() {
    }
}
