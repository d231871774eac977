package io.steadfast.demo;

import io.steadfast.spi.errors.SteadfastException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real services {@code steadfast demo} attacks, each its own process on loopback: {@code payments}
 * over HTTPS with a certificate that expires in 10 days, {@code inventory}, two {@code checkout}
 * instances (zones a and b), and the fault proxy, which spreads checkout's address over both
 * instances and stands between checkout and each of its dependencies. Logs and pid files go to
 * {@code <data dir>/demo}, the proxy's secret to {@code <data dir>/proxy.secret}. Closing it stops
 * every process.
 */
public final class DemoWorld implements AutoCloseable {

    private static final String PASSWORD = "steadfast-demo";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final Path dir;
    private final java.util.Map<String, Process> processes = new java.util.LinkedHashMap<>();
    final int inventory = freePort();
    final int payments = freePort();
    final int checkout1 = freePort();
    final int checkout2 = freePort();
    final int proxyControl = freePort();
    final int checkoutListen = freePort();
    final int inventoryListen = freePort();
    final int paymentsListen = freePort();

    private DemoWorld(Path dataDir) {
        this.dataDir = dataDir;
        this.dir = dataDir.resolve("demo");
    }

    /**
     * Starts every process and returns once each accepts connections. Tries again on fresh ports when a
     * process cannot start, since a free port found now may be taken by another program before use.
     */
    public static DemoWorld start(Path dataDir) {
        for (int attempt = 1; ; attempt++) {
            DemoWorld world = new DemoWorld(dataDir);
            try {
                world.startAll();
                return world;
            } catch (SteadfastException e) {
                world.close();
                if (attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private void startAll() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
        Path keystore = dir.resolve("payments.p12");
        keytool(keystore);
        String tls = " --keystore " + keystore + " --password " + PASSWORD;
        service("payments", payments, tls);
        service("inventory", inventory, "");
        String dependencies = " --inventory 127.0.0.1:" + inventoryListen + " --payments 127.0.0.1:" + paymentsListen + tls;
        service("checkout-1", checkout1, dependencies);
        service("checkout-2", checkout2, dependencies);
        // The proxy makes its secret in the data directory, where the engine reads it.
        start("proxy", List.of("io.steadfast.cli.Main", "--data-dir", dataDir.toString(), "proxy",
                "--control", "127.0.0.1:" + proxyControl,
                "--route", "127.0.0.1:" + checkoutListen + "=127.0.0.1:" + checkout1 + ",127.0.0.1:" + checkout2,
                "--route", "127.0.0.1:" + inventoryListen + "=127.0.0.1:" + inventory,
                "--route", "127.0.0.1:" + paymentsListen + "=127.0.0.1:" + payments));
        for (int port : List.of(payments, inventory, checkout1, checkout2, proxyControl, checkoutListen)) {
            awaitListening(port);
        }
        warmUp();
    }

    /** Calls checkout until both instances answer quickly, so that the first test meets warm services. */
    private void warmUp() {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        int quick = 0;
        while (quick < 10) {
            if (Instant.now().isAfter(deadline)) {
                throw new SteadfastException("demo checkout must answer /health within " + START_TIMEOUT.toSeconds()
                        + " s of starting, but did not; see the logs in " + dir);
            }
            long start = System.nanoTime();
            try {
                java.net.HttpURLConnection connection = (java.net.HttpURLConnection)
                        new java.net.URL("http://127.0.0.1:" + checkoutListen + "/health").openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(2000);
                boolean ok = connection.getResponseCode() == 200;
                connection.getInputStream().readAllBytes();
                connection.disconnect();
                quick = ok && System.nanoTime() - start < 50_000_000L ? quick + 1 : 0;
            } catch (IOException e) {
                quick = 0;
                sleep(100);
            }
        }
    }

    /** The checkout service as an admin would register it: its real ports, pid files and proxy routes. */
    public String checkoutYaml() {
        return """
                apiVersion: steadfast/v1
                kind: Service
                id: checkout
                name: Checkout (demo)
                team: payments
                tier: tier-1
                environment: demo
                tags: {steadfast-demo: "true"}
                standard: demo
                healthChecks:
                  - {type: http, url: "http://127.0.0.1:%d/health", expectStatus: 200, jsonField: status, jsonValue: UP,
                     warnLatency: 250ms, maxLatency: 1s, interval: 1s}
                instances:
                  - {id: checkout-1, zone: a, pidFile: "%s"}
                  - {id: checkout-2, zone: b, pidFile: "%s"}
                dependencies:
                  - {id: inventory, endpoint: "127.0.0.1:%d", proxy: {listen: "127.0.0.1:%d", control: "127.0.0.1:%d"}}
                  - {id: payments, endpoint: "127.0.0.1:%d", tls: true,
                     proxy: {listen: "127.0.0.1:%d", control: "127.0.0.1:%d"}}
                """.formatted(checkoutListen, pidFile("checkout-1"), pidFile("checkout-2"), inventory, inventoryListen,
                proxyControl, payments, paymentsListen, proxyControl);
    }

    private void service(String name, int port, String options) {
        List<String> args = new ArrayList<>(List.of(DemoService.class.getName(), name.replaceAll("-\\d+$", ""),
                "--port", Integer.toString(port), "--pid-file", pidFile(name).toString()));
        if (!options.isBlank()) {
            args.addAll(List.of(options.trim().split(" ")));
        }
        start(name, args);
    }

    /** The pid file of a demo process: {@code checkout-1}, {@code payments}, ... */
    public Path pidFile(String name) {
        return dir.resolve(name + ".pid");
    }

    /** The proxy's control API, {@code host:port}. */
    public String proxyControl() {
        return "127.0.0.1:" + proxyControl;
    }

    /** Where checkout reaches inventory: the proxy route's listen address. */
    public String inventoryRoute() {
        return "127.0.0.1:" + inventoryListen;
    }

    /** Where inventory itself listens. */
    public String inventoryAddress() {
        return "127.0.0.1:" + inventory;
    }

    private void start(String name, List<String> mainAndArgs) {
        List<String> command = new ArrayList<>(List.of(java(), "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(mainAndArgs);
        try {
            Path log = dir.resolve(name + ".log");
            processes.put(name, new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start demo process " + name, e);
        }
    }

    private void keytool(Path keystore) {
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        List<String> command = List.of(keytool.toString(), "-genkeypair", "-alias", "payments", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=payments.demo", "-ext", "san=ip:127.0.0.1,dns:localhost",
                "-validity", "10", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        try {
            Files.deleteIfExists(keystore);
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new SteadfastException("keytool must make the demo's certificate, but failed: " + output.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + keytool, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SteadfastException("interrupted while making the demo's certificate", e);
        }
    }

    private void awaitListening(int port) {
        Instant deadline = Instant.now().plus(START_TIMEOUT);
        while (true) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                if (socket.getLocalSocketAddress().equals(socket.getRemoteSocketAddress())) {
                    throw new IOException("connected to itself (a TCP self-connection): nothing listens yet");
                }
                return;
            } catch (IOException e) {
                if (Instant.now().isAfter(deadline)) {
                    throw new SteadfastException("demo process on port " + port + " must listen within "
                            + START_TIMEOUT.toSeconds() + " s, but did not; see the logs in " + dir);
                }
                processes.forEach((name, process) -> {
                    if (!process.isAlive()) {
                        throw new SteadfastException("demo process '" + name + "' must keep running, but exited with "
                                + process.exitValue() + ": " + tail(dir.resolve(name + ".log")));
                    }
                });
                sleep(100);
            }
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port", e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SteadfastException("interrupted while starting the demo", e);
        }
    }

    @Override
    public void close() {
        for (Process process : processes.values()) {
            process.destroyForcibly();
        }
        for (Process process : processes.values()) {
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
