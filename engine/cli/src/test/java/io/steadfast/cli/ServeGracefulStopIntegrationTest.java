package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steadfast.app.kafka.Topic;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.connectors.kafka.internal.ResultJson;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.Store;
import io.steadfast.store.StoredResults;
import io.steadfast.store.StoredResults;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steadfast serve} stopped with SIGTERM while it ingests finishes the batch in hand and commits
 * it: right after the stop, the group's committed offsets cover exactly the results stored (nothing
 * stored is left to read again, nothing committed is missing); started again, it ingests the rest,
 * and every result is stored once.
 */
class ServeGracefulStopIntegrationTest {

    private static final int RESULTS = 10_000;
    private static final String GROUP = "steadfast-engine";

    @TempDir
    Path temp;

    private EmbeddedKafka broker;
    private ServeProcess serve;

    @AfterEach
    void stop() throws InterruptedException {
        if (serve != null) {
            serve.close();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void shouldCommitTheBatchInHandOnSigtermAndIngestEveryResultOnceAfterARestart() throws Exception {
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        Path data = temp.resolve("data");
        serve = start(data);
        List<ResultEvent> results = new ArrayList<>();
        Instant t0 = Instant.now().minusSeconds(3600);
        for (int i = 0; i < RESULTS; i++) {
            results.add(new ResultEvent(ResultEvent.SCHEMA_VERSION, "graceful-" + i, "svc-" + (i % 40), "recommended",
                    "cpu", "", ResultStatus.PASSED, null, t0.plusMillis(i), null, null, "test", null, null, null));
        }
        produce(results);

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                .until(() -> storedIds(data).size() >= RESULTS / 10 || !serve.isAlive());
        serve.terminate();
        assertThat(serve.output()).as(serve::output).contains("stopped");

        long stored = storedIds(data).size();
        long committed = Topic.committed(broker.clientProperties(), GROUP).values().stream()
                .mapToLong(Long::longValue).sum();
        assertThat(stored).as("stored when stopped").isBetween(1L, RESULTS - 1L);
        assertThat(committed).as("records committed when stopped (one result each), by\n%s", serve.output()).isEqualTo(stored);

        serve = start(data);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> Topic.lag(broker.clientProperties(), "steadfast.results", GROUP) == 0 || !serve.isAlive());
        serve.terminate();
        List<String> ids = storedIds(data);
        Set<String> expected = new HashSet<>();
        results.forEach(r -> expected.add(r.resultId()));
        assertThat(ids).hasSize(RESULTS);
        assertThat(new HashSet<>(ids)).isEqualTo(expected);
    }

    /** Polls of at most 500 records, so that the stop comes while many batches are still to come. */
    private ServeProcess start(Path data) throws IOException {
        Path kafkaProperties = Files.writeString(temp.resolve("kafka.properties"),
                Files.readString(broker.clientPropertiesFile()) + "max.poll.records=500\n");
        return ServeProcess.start(temp.resolve("serve-" + System.nanoTime() + ".log"), Map.of(),
                "--kafka-bootstrap", broker.bootstrapServers(), "--kafka-properties", kafkaProperties.toString(),
                "--data-dir", data.toString()).awaitServing();
    }

    private void produce(List<ResultEvent> results) throws Exception {
        Map<String, Object> props = new HashMap<>(broker.clientProperties());
        props.put(ProducerConfig.LINGER_MS_CONFIG, 20);
        List<Future<RecordMetadata>> sent = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(props, new StringSerializer(),
                new ByteArraySerializer())) {
            for (ResultEvent r : results) {
                sent.add(producer.send(new ProducerRecord<>("steadfast.results", r.service(), ResultJson.bytes(r))));
            }
            producer.flush();
            for (Future<RecordMetadata> f : sent) {
                f.get();
            }
        }
    }

    private static List<String> storedIds(Path data) throws SQLException {
        List<String> ids = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(Store.defaultUrl(data))) {
            ids.addAll(StoredResults.ids(c));
        }
        return ids;
    }
}
