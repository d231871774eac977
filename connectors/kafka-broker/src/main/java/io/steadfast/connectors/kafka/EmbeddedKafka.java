package io.steadfast.connectors.kafka;

import io.steadfast.spi.errors.SteadfastException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import kafka.server.ControllerServer;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.internals.Exit;
import scala.Option;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) running inside this JVM, on
 * loopback, for {@code steadfast serve}, {@code demo} and the tests. The one class that touches
 * Kafka's internal server classes.
 *
 * <p>Its data lives in the given directory: formatted on the first start, reused by later ones, so
 * a broker stopped and started again on the same directory and port keeps its topics and offsets.
 * Start takes about 3 s. Not thread-safe beyond {@link #start} and {@link #stop} being synchronized.
 *
 * <p>Only clients holding its credential get in: both listeners take SASL PLAIN (over loopback, in
 * clear text) for the one user {@code steadfast}, whose random password is generated on first use into
 * two files of the data directory, readable by their owner only (0600) and reused afterwards:
 * {@code client.properties}, Kafka client settings ({@code --kafka-properties}, Kafka's own tools),
 * and {@code kcat.conf}, the same for librdkafka ({@code kcat -F}).
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    private static final String USER = "steadfast";
    private static final String CLIENT_PROPERTIES = "client.properties";
    private static final String KCAT_CONF = "kcat.conf";
    private static final String LOGIN_MODULE = "org.apache.kafka.common.security.plain.PlainLoginModule";
    private static final Pattern PASSWORD = Pattern.compile("password=\"([^\"]+)\"");

    private final int port;
    private final int controllerPort;
    private final Path dataDir;
    private final String password;
    private KafkaRaftServer server;

    private EmbeddedKafka(int port, int controllerPort, Path dataDir) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDir = dataDir.toAbsolutePath();
        this.password = password(this.dataDir);
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

    /**
     * The Kafka client settings of a broker keeping its data in {@code dataDir}: its credential,
     * without {@code bootstrap.servers}. The file exists once such a broker was created.
     */
    public static Path clientPropertiesFile(Path dataDir) {
        return dataDir.toAbsolutePath().resolve(CLIENT_PROPERTIES);
    }

    /** The file of {@link #clientPropertiesFile(Path)} for this broker. */
    public Path clientPropertiesFile() {
        return clientPropertiesFile(dataDir);
    }

    /** The settings a Kafka client needs to talk to this broker: its address and credential. */
    public Map<String, String> clientProperties() {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("bootstrap.servers", bootstrapServers());
        props.putAll(credential(password));
        return props;
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
            shutDownRegistrationChannelOnce(started);
        } catch (RuntimeException e) {
            started.shutdown();
            throw new SteadfastException("embedded Kafka must start on " + bootstrapServers() + ", but did not: "
                    + e.getMessage(), e);
        }
        server = started;
    }

    /**
     * Leaves the shutdown of the controller's "registration" channel to its registration manager alone. Kafka's
     * {@code ControllerServer.shutdown} closes the registration manager, whose last event shuts that channel down,
     * and then shuts the same channel down again, which logs "Attempting to close NetworkClient that has already
     * been closed" at WARN on every stop. Dropping the server's reference after the start (it is used only there)
     * leaves one shutdown, the manager's.
     */
    private static void shutDownRegistrationChannelOnce(KafkaRaftServer server) {
        try {
            Field controllerField = KafkaRaftServer.class.getDeclaredField("controller");
            controllerField.setAccessible(true);
            Option<?> controller = (Option<?>) controllerField.get(server);
            if (controller.isDefined()) {
                Field channel = ControllerServer.class.getDeclaredField("registrationChannelManager");
                channel.setAccessible(true);
                channel.set(controller.get(), null);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("Kafka's KafkaRaftServer.controller and ControllerServer"
                    + ".registrationChannelManager must exist in this Kafka version, but did not: " + e, e);
        }
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
        props.put("listeners", "CLIENT://" + HOST + ":" + port + ",CONTROLLER://" + HOST + ":" + controllerPort);
        props.put("advertised.listeners", "CLIENT://" + HOST + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "CLIENT");
        props.put("listener.security.protocol.map", "CLIENT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT");
        props.put("sasl.enabled.mechanisms", "PLAIN");
        props.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
        props.put("sasl.mechanism.controller.protocol", "PLAIN");
        // What the broker logs in with (to itself, to its controller), and the one user it accepts.
        String jaas = LOGIN_MODULE + " required username=\"" + USER + "\" password=\"" + password + "\" user_" + USER
                + "=\"" + password + "\";";
        props.put("listener.name.client.plain.sasl.jaas.config", jaas);
        props.put("listener.name.controller.plain.sasl.jaas.config", jaas);
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
        writeOwnerOnly(file, out -> props.store(out, "embedded Kafka broker of Steadfast"));
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

    /** The password of the broker in {@code dataDir}: the one in its client settings, else a new one written there. */
    private static String password(Path dataDir) {
        Path file = clientPropertiesFile(dataDir);
        try {
            Files.createDirectories(dataDir);
            String password;
            if (Files.exists(file)) {
                Properties props = new Properties();
                try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    props.load(reader);
                }
                Matcher matcher = PASSWORD.matcher(props.getProperty("sasl.jaas.config", ""));
                if (!matcher.find()) {
                    throw new SteadfastException("embedded Kafka credential '" + file + "' must set 'sasl.jaas.config'"
                            + " with a password, but did not; delete the file for a new credential");
                }
                password = matcher.group(1);
            } else {
                byte[] random = new byte[24];
                new SecureRandom().nextBytes(random);
                password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
                Properties props = new Properties();
                props.putAll(credential(password));
                writeOwnerOnly(file, out -> props.store(out, "Kafka client settings for the embedded Kafka broker of"
                        + " Steadfast; add bootstrap.servers=127.0.0.1:<port> for Kafka's tools"));
            }
            Path kcat = dataDir.resolve(KCAT_CONF);
            if (!Files.exists(kcat)) {
                String text = "# librdkafka settings for the embedded Kafka broker of Steadfast: kcat -F " + kcat + "\n"
                        + "security.protocol=SASL_PLAINTEXT\nsasl.mechanisms=PLAIN\nsasl.username=" + USER + "\n"
                        + "sasl.password=" + password + "\n";
                writeOwnerOnly(kcat, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
            }
            return password;
        } catch (IOException e) {
            throw new UncheckedIOException("embedded Kafka credential '" + file + "' cannot be read or written", e);
        }
    }

    private static Map<String, String> credential(String password) {
        Map<String, String> props = new LinkedHashMap<>();
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", LOGIN_MODULE + " required username=\"" + USER + "\" password=\"" + password
                + "\";");
        return props;
    }

    private interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Writes a file readable and writable by its owner only, replacing it whole. */
    private static void writeOwnerOnly(Path file, Content content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
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
