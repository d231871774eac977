package io.steadfast.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.StoredResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real store outage: the engine's store is an H2 database served over TCP ({@code --db-url
 * jdbc:h2:tcp://...}), and that server is stopped while the engine ingests, then started again on
 * the same port and files. While it is down the engine commits no offsets, the records wait on the
 * topic, and every committed offset covers results that are in the database files; once it is back
 * the same ingest loop carries on by itself and every result is stored exactly once.
 */
class StoreOutageIntegrationTest {

    private static final String RESULTS_TOPIC = "steadfast.results";
    private static final String GROUP = "steadfast-engine";
    private static final Pattern RESULT_ID = Pattern.compile("\"resultId\":\"([^\"]+)\"");

    @TempDir
    Path temp;

    private EmbeddedKafka broker;
    private Server database;
    private Pipeline pipeline;

    @AfterEach
    void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (database != null) {
            database.stop();
        }
        if (broker != null) {
            broker.stop();
        }
    }

    @Test
    void shouldPauseWithoutCommittingWhileTheStoreIsDownAndStoreEverythingOnceWhenItIsBack() throws Exception {
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        Path files = temp.resolve("db");
        int port = freePort();
        database = startDatabase(port, files);
        pipeline = new Pipeline(broker, temp.resolve("data"),
                "jdbc:h2:tcp://127.0.0.1:" + port + "/steadfast");
        String serverUrl = "jdbc:h2:tcp://127.0.0.1:" + port + "/steadfast";
        Instant at = Instant.now().minusSeconds(3600);
        List<ResultEvent> before = results("before", 5000, at);
        List<ResultEvent> during = results("during", 1000, at);

        pipeline.sink().publish(before);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> !committed().isEmpty());
        database.stop();
        pipeline.sink().publish(during);

        AtomicReference<Map<TopicPartition, Long>> committed = new AtomicReference<>(committed());
        await().atMost(Duration.ofSeconds(30)).during(Duration.ofSeconds(5)).until(() -> {
            Map<TopicPartition, Long> now = committed();
            return now.equals(committed.getAndSet(now));
        });
        assertThat(Topic.lag(broker.clientProperties(), RESULTS_TOPIC, GROUP)).as("records waiting")
                .isGreaterThanOrEqualTo(during.size());
        assertThat(pipeline.ingest.finished()).as("ingest loop").isNotDone();
        // While the server is down its files can be opened directly: whatever an offset covers is in them.
        Set<String> storedWhileDown = ids("jdbc:h2:file:" + files.resolve("steadfast"));
        assertThat(idsBelow(committed.get())).as("results covered by committed offsets")
                .isNotEmpty().allMatch(storedWhileDown::contains);
        assertThat(storedWhileDown).as("stored when the store went down").hasSizeLessThan(before.size());

        database = startDatabase(port, files);

        await().atMost(Duration.ofSeconds(90))
                .until(() -> Topic.lag(broker.clientProperties(), RESULTS_TOPIC, GROUP) == 0);
        List<String> expected = new ArrayList<>();
        before.forEach(r -> expected.add(r.resultId()));
        during.forEach(r -> expected.add(r.resultId()));
        assertThat(count(serverUrl)).as("stored results").isEqualTo(expected.size());
        assertThat(ids(serverUrl)).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(pipeline.ingest.finished()).as("ingest loop").isNotDone();
        assertThat(Topic.read(broker.clientProperties(), "steadfast.results.dlq")).as("dead letters").isEmpty();
    }

    private static Server startDatabase(int port, Path files) throws SQLException {
        return Server.createTcpServer("-tcpPort", Integer.toString(port), "-baseDir", files.toString(),
                "-ifNotExists").start();
    }

    private static List<ResultEvent> results(String prefix, int count, Instant at) {
        List<String> tests = List.of("cpu", "memory", "host");
        return IntStream.range(0, count)
                .mapToObj(i -> Pipeline.result(prefix + "-" + i, tests.get(i % tests.size()), at.plusMillis(i)))
                .toList();
    }

    private Map<TopicPartition, Long> committed() {
        return Topic.committed(broker.clientProperties(), GROUP);
    }

    /** The result ids of the records on the results topic below the given offsets. */
    private Set<String> idsBelow(Map<TopicPartition, Long> offsets) {
        Set<String> ids = new HashSet<>();
        for (ConsumerRecord<String, byte[]> record : Topic.read(broker.clientProperties(), RESULTS_TOPIC)) {
            if (record.offset() < offsets.getOrDefault(new TopicPartition(record.topic(), record.partition()), 0L)) {
                Matcher id = RESULT_ID.matcher(new String(record.value(), StandardCharsets.UTF_8));
                assertThat(id.find()).isTrue();
                ids.add(id.group(1));
            }
        }
        return ids;
    }

    private static long count(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url);
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery(StoredResults.COUNT)) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private static Set<String> ids(String url) throws SQLException {
        Set<String> ids = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url)) {
            ids.addAll(StoredResults.ids(c));
        }
        return ids;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
