package io.steadfast.connectors.kafka;

import io.steadfast.spi.errors.SteadfastException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM, on
 * loopback, for {@code steadfast serve}, {@code demo} and the tests. The one class that touches
 * Kafka's internal server classes.
 *
 * <p>Its data lives in the given directory: formatted on the first start, reused by later ones, so
 * a broker stopped and started again on the same directory and port keeps its topics and offsets.
 * Start takes about 3 s. Not thread-safe beyond {@link #start} and {@link #stop} being synchronized.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private KafkaRaftServer server;

    private EmbeddedKafka(int port, int controllerPort, Path dataDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir.toAbsolutePath();
    }

    /** A broker on {@code 127.0.0.1:port} (its controller on a free port), keeping its data under {@code dataDir}. */
    public static EmbeddedKafka onPort(int port, Path dataDir) {
        if (port < 1 || port > 65535) {
            throw new SteadfastException("embedded Kafka port must be in [1, 65535], but was " + port);
        }
        return new EmbeddedKafka(port, freePort(), dataDir);
    }

    /** A broker on a free loopback port, keeping its data under {@code dataDir}. */
    public static EmbeddedKafka onFreePort(Path dataDir) {
        return new EmbeddedKafka(freePort(), freePort(), dataDir);
    }

    /**
     * Makes Kafka's fatal-error handling throw instead of halting the JVM. For tests, where a broker
     * failing must fail a test, not kill the test run. Affects the whole JVM.
     */
    public static void throwInsteadOfHalting() {
        Exit.setHaltProcedure((status, message) -> {
            throw new IllegalStateException("Kafka asked to halt with status " + status + ": " + message);
        });
        Exit.setExitProcedure((status, message) -> {
            throw new IllegalStateException("Kafka asked to exit with status " + status + ": " + message);
        });
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    /** Formats the data directory if it is new, then starts the broker; returns once it serves. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        Path logs = dataDir.resolve("logs");
        Properties props = serverProperties(logs);
        try {
            Files.createDirectories(logs);
            if (!Files.exists(logs.resolve("meta.properties"))) {
                format(props);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Kafka data directory '" + dataDir + "' cannot be prepared", e);
        }
        KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(props), Time.SYSTEM);
        try {
            started.startup();
        } catch (RuntimeException e) {
            started.shutdown();
            throw new SteadfastException("embedded Kafka must start on " + bootstrapServers() + ", but did not: "
                    + e.getMessage(), e);
        }
        server = started;
    }

    /** Stops the broker and waits until it has. Idempotent. */
    public synchronized void stop() {
        if (server == null) {
            return;
        }
        server.shutdown();
        server.awaitShutdown();
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    private Properties serverProperties(Path logs) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + HOST + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + HOST + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", logs.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // 128 MiB on the heap by default: a small heap dies at start.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(4 << 20));
        return props;
    }

    private void format(Properties props) throws IOException {
        Path file = dataDir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "embedded Kafka broker of Steadfast");
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        int status;
        try (PrintStream print = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            status = StorageTool.execute(new String[]{"format", "-t", clusterId(), "-c", file.toString()}, print);
        }
        if (status != 0) {
            throw new SteadfastException("embedded Kafka storage '" + dataDir + "' must format, but did not (status "
                    + status + "): " + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    /** A Kafka cluster id: a random UUID in Kafka's URL-safe base64 form. */
    private static String clusterId() {
        return org.apache.kafka.common.Uuid.randomUuid().toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free loopback port", e);
        }
    }
}
