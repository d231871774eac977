package io.steadfast.bench;

import io.steadfast.proxy.ProxyMain;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The TCP fault proxy (no fault active) against socat ({@code socat TCP-LISTEN:p,fork,reuseaddr TCP:upstream}),
 * in the same run, on the same upstreams: bulk transfer throughput and small request/response round
 * trips. Each runs as its own process; the client and the upstreams run here.
 *
 * <pre>java -cp engine/bench/target/benchmarks.jar io.steadfast.bench.ProxyBenchmark [bulkMiB=1024] [exchanges=20000] [rounds=3]</pre>
 *
 * Targets: proxy throughput at least 80% of socat's; proxy p50 round trip at most socat's + 0.1 ms.
 * Each round measures both, alternating which goes first; the best throughput and the lowest p50 of
 * the rounds count, so that a burst of noise from other processes does not decide the outcome.
 */
public final class ProxyBenchmark {

    private static final int BUFFER = 256 * 1024;
    private static final int MESSAGE = 64;

    private ProxyBenchmark() {
    }

    /** One contender's figures in one round. */
    private record Figures(double mibPerSecond, double p50Ms, double p99Ms) {
    }

    public static void main(String[] args) throws Exception {
        long bulkBytes = (args.length > 0 ? Long.parseLong(args[0]) : 1024) * 1024 * 1024;
        int exchanges = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;

        try (Upstream sink = Upstream.sink(); Upstream echo = Upstream.echo()) {
            int socatBulk = freePort();
            int socatEcho = freePort();
            List<Process> processes = new ArrayList<>();
            try {
                processes.add(socat(socatBulk, sink.port()));
                processes.add(socat(socatEcho, echo.port()));
                Process proxy = proxy(sink.port(), echo.port());
                processes.add(proxy);
                int[] proxyPorts = proxyPorts(proxy);
                awaitListening(socatBulk);
                awaitListening(socatEcho);

                System.out.printf(Locale.ROOT, "bulk %d MiB one way, %d round trips of %d bytes, %d rounds%n",
                        bulkBytes >> 20, exchanges, MESSAGE, rounds);
                // Warm-up: the proxy's JIT, the kernel's socket paths.
                bulk(proxyPorts[0], bulkBytes / 4);
                bulk(socatBulk, bulkBytes / 4);
                roundTrips(proxyPorts[1], exchanges / 4);
                roundTrips(socatEcho, exchanges / 4);

                List<Figures> socatRuns = new ArrayList<>();
                List<Figures> proxyRuns = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    boolean proxyFirst = round % 2 == 0;
                    Figures first = measure(proxyFirst ? proxyPorts : new int[] {socatBulk, socatEcho}, bulkBytes, exchanges);
                    Figures second = measure(proxyFirst ? new int[] {socatBulk, socatEcho} : proxyPorts, bulkBytes, exchanges);
                    Figures proxyFigures = proxyFirst ? first : second;
                    Figures socatFigures = proxyFirst ? second : first;
                    proxyRuns.add(proxyFigures);
                    socatRuns.add(socatFigures);
                    System.out.printf(Locale.ROOT, "round %d: socat %s | proxy %s%n", round + 1, show(socatFigures), show(proxyFigures));
                }
                report(best(socatRuns), best(proxyRuns));
            } finally {
                for (Process process : processes) {
                    process.destroy();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
    }

    private static Figures measure(int[] ports, long bulkBytes, int exchanges) throws IOException {
        double mibPerSecond = bulk(ports[0], bulkBytes);
        double[] rtt = roundTrips(ports[1], exchanges);
        return new Figures(mibPerSecond, percentile(rtt, 50), percentile(rtt, 99));
    }

    private static Figures best(List<Figures> runs) {
        return new Figures(runs.stream().mapToDouble(Figures::mibPerSecond).max().orElseThrow(),
                runs.stream().mapToDouble(Figures::p50Ms).min().orElseThrow(),
                runs.stream().mapToDouble(Figures::p99Ms).min().orElseThrow());
    }

    private static void report(Figures socat, Figures proxy) {
        double throughputRatio = proxy.mibPerSecond() / socat.mibPerSecond();
        double p50Delta = proxy.p50Ms() - socat.p50Ms();
        System.out.printf(Locale.ROOT, "%nbest of rounds      socat        proxy        proxy vs socat%n");
        System.out.printf(Locale.ROOT, "bulk throughput     %7.0f MiB/s %7.0f MiB/s %6.2fx   target >= 0.80x   %s%n",
                socat.mibPerSecond(), proxy.mibPerSecond(), throughputRatio, throughputRatio >= 0.8 ? "PASS" : "FAIL");
        System.out.printf(Locale.ROOT, "round trip p50      %7.3f ms    %7.3f ms    %+6.3f ms  target <= +0.100 ms %s%n",
                socat.p50Ms(), proxy.p50Ms(), p50Delta, p50Delta <= 0.1 ? "PASS" : "FAIL");
        System.out.printf(Locale.ROOT, "round trip p99      %7.3f ms    %7.3f ms    %6.2fx%n",
                socat.p99Ms(), proxy.p99Ms(), proxy.p99Ms() / socat.p99Ms());
    }

    private static String show(Figures f) {
        return String.format(Locale.ROOT, "%6.0f MiB/s, p50 %.3f ms, p99 %.3f ms", f.mibPerSecond(), f.p50Ms(), f.p99Ms());
    }

    /** Sends {@code bytes} one way and waits for the sink's count of what arrived; MiB per second. */
    private static double bulk(int port, long bytes) throws IOException {
        try (SocketChannel channel = connect(port)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
            long start = System.nanoTime();
            for (long left = bytes; left > 0; left -= BUFFER) {
                buffer.clear().limit((int) Math.min(BUFFER, left));
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
            channel.shutdownOutput();
            ByteBuffer count = ByteBuffer.allocate(8);
            while (count.hasRemaining() && channel.read(count) >= 0) {
                // reading the sink's 8-byte count
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long received = count.flip().getLong();
            if (received != bytes) {
                throw new IOException("sink received " + received + " bytes of " + bytes);
            }
            return bytes / seconds / (1 << 20);
        }
    }

    /** {@code count} exchanges of {@link #MESSAGE} bytes on one connection; each round trip in ms. */
    private static double[] roundTrips(int port, int count) throws IOException {
        try (SocketChannel channel = connect(port)) {
            ByteBuffer out = ByteBuffer.allocateDirect(MESSAGE);
            ByteBuffer in = ByteBuffer.allocateDirect(MESSAGE);
            double[] millis = new double[count];
            for (int i = 0; i < count; i++) {
                out.clear();
                in.clear();
                long start = System.nanoTime();
                while (out.hasRemaining()) {
                    channel.write(out);
                }
                while (in.hasRemaining()) {
                    if (channel.read(in) < 0) {
                        throw new IOException("echo closed after " + i + " exchanges");
                    }
                }
                millis[i] = (System.nanoTime() - start) / 1e6;
            }
            return millis;
        }
    }

    private static double percentile(double[] values, int percent) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percent / 100.0 * sorted.length) - 1)];
    }

    private static SocketChannel connect(int port) throws IOException {
        SocketChannel channel = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        return channel;
    }

    private static Process socat(int listen, int upstream) throws IOException {
        try {
            return new ProcessBuilder("socat", "TCP-LISTEN:" + listen + ",bind=127.0.0.1,fork,reuseaddr",
                    "TCP:127.0.0.1:" + upstream).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new IOException("socat must be on the path (apt-get install -y socat): " + e.getMessage(), e);
        }
    }

    private static Process proxy(int sinkPort, int echoPort) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), ProxyMain.class.getName(),
                "--control", "127.0.0.1:0",
                "--route", "127.0.0.1:0=127.0.0.1:" + sinkPort,
                "--route", "127.0.0.1:0=127.0.0.1:" + echoPort)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    private static final Pattern ROUTE = Pattern.compile("proxy: route \\S+:(\\d+) -> .*");

    /** The proxy's two listen ports, from the lines it prints once ready. */
    private static int[] proxyPorts(Process proxy) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(proxy.getInputStream(), StandardCharsets.UTF_8));
        int[] ports = new int[2];
        int found = 0;
        for (String line; found < 2 && (line = out.readLine()) != null; ) {
            Matcher matcher = ROUTE.matcher(line);
            if (matcher.matches()) {
                ports[found++] = Integer.parseInt(matcher.group(1));
            }
        }
        if (found < 2) {
            throw new IOException("the proxy exited before listening");
        }
        return ports;
    }

    private static void awaitListening(int port) throws IOException, InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            try (SocketChannel ignored = SocketChannel.open(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))) {
                return;
            } catch (IOException e) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        throw new IOException("socat is not listening on port " + port);
    }

    private static int freePort() throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open()) {
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return ((InetSocketAddress) server.getLocalAddress()).getPort();
        }
    }

    /** The dependency both contenders relay to: a thread per connection, blocking channels, direct buffers. */
    private static final class Upstream implements AutoCloseable {

        private interface Handler {
            void handle(SocketChannel channel) throws IOException;
        }

        private final ServerSocketChannel server;

        private Upstream(Handler handler) throws IOException {
            server = ServerSocketChannel.open();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(() -> {
                while (server.isOpen()) {
                    try {
                        SocketChannel channel = server.accept();
                        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        Thread worker = new Thread(() -> {
                            try (channel) {
                                handler.handle(channel);
                            } catch (IOException e) {
                                // a contender closed the connection; the measuring side reports failures
                            }
                        });
                        worker.setDaemon(true);
                        worker.start();
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
        }

        /** Reads to end of stream, then answers the byte count as 8 bytes. */
        static Upstream sink() throws IOException {
            return new Upstream(channel -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
                long total = 0;
                for (int n; (n = channel.read(buffer.clear())) >= 0; ) {
                    total += n;
                }
                ByteBuffer count = ByteBuffer.allocate(8).putLong(total).flip();
                while (count.hasRemaining()) {
                    channel.write(count);
                }
            });
        }

        /** Echoes every byte. */
        static Upstream echo() throws IOException {
            return new Upstream(channel -> {
                ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
                while (channel.read(buffer.clear()) >= 0) {
                    buffer.flip();
                    while (buffer.hasRemaining()) {
                        channel.write(buffer);
                    }
                }
            });
        }

        int port() {
            return ((InetSocketAddress) server.socket().getLocalSocketAddress()).getPort();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
