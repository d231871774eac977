package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.steadfast.store.ApiToken;
import io.steadfast.store.DataDirectory;
import io.steadfast.store.Store;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Another local user cannot reach the embedded store (issue 18, hole 2): its data directory is private
 * to its user, its server listens on loopback only, and it requires the directory's own credential,
 * so H2's default credential, with the port and key from the lock file, gets nowhere.
 */
class DataDirectoryPrivacyIntegrationTest {

    private static final String OLD_INSERT = "INSERT INTO api_tokens (id, digest, role, team, created_at)"
            + " VALUES ('intruder', 'aa', 'admin', NULL, CURRENT_TIMESTAMP)";
    // /proc/net/tcp[6] local addresses of loopback: 127.0.0.1, ::1, ::ffff:127.0.0.1
    private static final Set<String> LOOPBACK = Set.of("0100007F", "00000000000000000000000001000000",
            "0000000000000000FFFF00000100007F");

    @TempDir
    Path temp;

    private final ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    private final Logger log = (Logger) LoggerFactory.getLogger(DataDirectory.class);

    @BeforeEach
    void listen() {
        warnings.start();
        log.addAppender(warnings);
    }

    @AfterEach
    void stopListening() {
        log.detachAppender(warnings);
    }

    @Test
    void shouldRefuseTheLockFilesServerWithTheOldDefaultCredentialWhileServeRunsAndKeepTheCliWorking() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        try (ServeProcess serve = ServeProcess.start(temp.resolve("serve.log"), Map.of(),
                "--embedded-kafka-port", Integer.toString(freePort()), "--data-dir", data.toString()).awaitServing()) {
            assertThat(serve.output()).contains("data directory '" + data + "' must be private to its user (rwx------),"
                    + " but was rwxr-xr-x; fixed");
            assertThat(mode(data)).isEqualTo("rwx------");
            assertThat(mode(data.resolve("store.credential"))).isEqualTo("rw-------");

            Properties lock = new Properties();
            try (Reader in = Files.newBufferedReader(data.resolve("steadfast.lock.db"))) {
                lock.load(in);
            }
            String server = lock.getProperty("server");
            int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
            String host = server.substring(0, server.lastIndexOf(':'));
            assertThat(InetAddress.getAllByName(host)).as("addresses of the lock file's server %s", server)
                    .allMatch(InetAddress::isLoopbackAddress);
            assertThat(listeningAddresses(port)).as("addresses listening on port %d", port)
                    .isNotEmpty().allMatch(LOOPBACK::contains);
            for (InetAddress other : nonLoopbackAddresses()) {
                assertThat(connects(other, port)).as("connects from %s", other).isFalse();
            }

            String attack = "jdbc:h2:tcp://" + server + "/" + lock.getProperty("id");
            for (String user : List.of("", "sa")) {
                assertThatThrownBy(() -> insert(attack, user, ""))
                        .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
            }
            String credential = Files.readString(data.resolve("store.credential"));
            try (Connection owner = DriverManager.getConnection(attack, "", credential)) {
                assertThat(owner.isValid(5)).as("the owner, with the credential, reaches the same server").isTrue();
            }

            CliHarness.Run tokens = new CliHarness(data).run("tokens", "list");
            assertThat(tokens.exitCode()).as(tokens.err()).isZero();
            assertThat(tokens.out()).doesNotContain("intruder");
            try (Store store = Store.open(Store.defaultUrl(data), null, null)) {
                assertThat(store.tokens()).as("tokens stored").isEmpty();
            }
        }
    }

    @Test
    void shouldMakeTheDataDirectoryAndItsFilesPrivateAgainAtTheNextStartAndWarn() throws Exception {
        Path data = temp.resolve("data");
        CliHarness cli = new CliHarness(data);
        assertThat(cli.run("services", "list").exitCode()).isZero();
        assertThat(mode(data)).as("made").isEqualTo("rwx------");
        assertThat(mode(data.resolve("store.credential"))).isEqualTo("rw-------");
        assertThat(warnings.list).as("warnings about a directory made private").isEmpty();

        Path database = data.resolve("steadfast.mv.db");
        Path faults = Files.createDirectories(data.resolve("faults"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(faults, PosixFilePermissions.fromString("rwxrwxr-x"));
        Files.setPosixFilePermissions(database, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(data.resolve("store.credential"), PosixFilePermissions.fromString("rw-r-----"));

        assertThat(cli.run("services", "list").exitCode()).isZero();

        assertThat(mode(data)).isEqualTo("rwx------");
        assertThat(mode(faults)).isEqualTo("rwx------");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.filter(Files::isRegularFile)).isNotEmpty()
                    .allSatisfy(file -> assertThat(mode(file)).as(file.toString()).isEqualTo("rw-------"));
        }
        assertThat(warnings.list).extracting(ILoggingEvent::getFormattedMessage).contains(
                "data directory '" + data + "' must be private to its user (rwx------), but was rwxr-xr-x; fixed",
                "data subdirectory '" + faults + "' must be private to its user (rwx------), but was rwxrwxr-x; fixed",
                "data file '" + database + "' must be private to its user (rw-------), but was rw-r--r--; fixed",
                "data file '" + data.resolve("store.credential") + "' must be private to its user (rw-------),"
                        + " but was rw-r-----; fixed");
    }

    @Test
    void shouldOpenAStoreMadeBeforeThereWasACredentialWithItsDataAndThenRefuseTheOldDefaultCredential()
            throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        String oldUrl = "jdbc:h2:file:" + data.resolve("steadfast") + ";AUTO_SERVER=TRUE";
        ApiToken token = new ApiToken("t1", "d".repeat(64), "admin", null, Instant.parse("2026-01-01T00:00:00Z"), null,
                null);
        try (Store old = Store.open(oldUrl, null, null)) {
            old.addToken(token);
        }

        CliHarness.Run tokens = new CliHarness(data).run("tokens", "list");

        assertThat(tokens.exitCode()).as(tokens.err()).isZero();
        assertThat(tokens.out()).contains("t1");
        assertThat(mode(data.resolve("store.credential"))).isEqualTo("rw-------");
        assertThat(data.resolve("store.credential.new")).doesNotExist();
        try (Store store = Store.open(Store.defaultUrl(data), null, null)) {
            assertThat(store.tokens()).containsExactly(token);
        }
        assertThatThrownBy(() -> insert(oldUrl, "", ""))
                .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
    }

    @Test
    void shouldTakeUpAMigrationStoppedAfterThePasswordWasSet() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        String oldUrl = "jdbc:h2:file:" + data.resolve("steadfast") + ";AUTO_SERVER=TRUE";
        String pending = "ab".repeat(32);
        try (Store old = Store.open(oldUrl, null, null);
             Connection c = DriverManager.getConnection(oldUrl);
             Statement s = c.createStatement()) {
            s.execute("SET PASSWORD '" + pending + "'");
        }
        Files.writeString(data.resolve("store.credential.new"), pending);

        try (Store store = Store.open(Store.defaultUrl(data), null, null)) {
            assertThat(store.tokens()).isEmpty();
        }
        assertThat(Files.readString(data.resolve("store.credential"))).isEqualTo(pending);
    }

    @Test
    void shouldRefuseADatabaseWithAPasswordButNoCredential() throws Exception {
        Path data = Files.createDirectories(temp.resolve("data"));
        Store.open(Store.defaultUrl(data), null, null).close();
        Files.delete(data.resolve("store.credential"));

        assertThatThrownBy(() -> Store.defaultUrl(data))
                .hasMessageContaining("must open with its credential '" + data.resolve("store.credential") + "'")
                .hasMessageContaining("the file is missing and the database refused the default");
        assertThat(data.resolve("store.credential")).doesNotExist();
        assertThat(data.resolve("store.credential.new")).doesNotExist();
    }

    private static void insert(String url, String user, String password) throws SQLException {
        try (Connection c = DriverManager.getConnection(url, user, password); Statement s = c.createStatement()) {
            s.executeUpdate(OLD_INSERT);
        }
    }

    private static String mode(Path path) {
        try {
            return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The local addresses of the sockets listening on the port, as /proc/net/tcp and tcp6 write them. */
    private static List<String> listeningAddresses(int port) throws IOException {
        String hexPort = String.format(":%04X", port);
        List<String> addresses = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                if (fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                    addresses.add(fields[1].substring(0, fields[1].length() - hexPort.length()));
                }
            }
        }
        return addresses;
    }

    private static List<InetAddress> nonLoopbackAddresses() throws IOException {
        return NetworkInterface.networkInterfaces().flatMap(NetworkInterface::inetAddresses)
                .filter(a -> !a.isLoopbackAddress() && !a.isLinkLocalAddress()).toList();
    }

    private static boolean connects(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}
