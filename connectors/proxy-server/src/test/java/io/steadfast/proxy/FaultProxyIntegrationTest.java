package io.steadfast.proxy;

import static io.steadfast.proxy.Clients.connect;
import static io.steadfast.proxy.Clients.exchange;
import static io.steadfast.proxy.Clients.readExactly;
import static io.steadfast.proxy.Clients.roundTripMillis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultProxyIntegrationTest {

    private static final HostPort ANY_LOOPBACK_PORT = new HostPort("127.0.0.1", 0);

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private FaultProxy proxy;

    @BeforeEach
    void startProxy() throws IOException {
        proxy = FaultProxy.start(ANY_LOOPBACK_PORT, ProxyAccess.loopbackOnly("test-secret-0123456789-abcdefghijklmnop"),
                List.of(), new SplittableRandom(42));
    }

    @AfterEach
    void stop() throws Exception {
        proxy.close();
        for (AutoCloseable closeable : closeables) {
            closeable.close();
        }
    }

    private String routeTo(TestUpstream... upstreams) {
        closeables.addAll(List.of(upstreams));
        return proxy.addRoute(new RouteSpec(ANY_LOOPBACK_PORT, Arrays.stream(upstreams).map(TestUpstream::address).toList()))
                .listen().toString();
    }

    private Socket client(String listen) throws IOException {
        Socket socket = connect(HostPort.parse(listen));
        closeables.add(socket);
        return socket;
    }

    @Test
    void shouldPassBytesUnchangedAndHalfCloseWithoutFault() throws Exception {
        String listen = routeTo(TestUpstream.echo());
        byte[] sent = new byte[8 * 1024 * 1024];
        new Random(7).nextBytes(sent);
        Socket socket = client(listen);

        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> written = writer.submit(() -> {
            socket.getOutputStream().write(sent);
            socket.shutdownOutput();
            return null;
        });
        byte[] received = socket.getInputStream().readAllBytes();
        written.get(10, TimeUnit.SECONDS);
        writer.shutdown();

        assertThat(received).hasSize(sent.length);
        assertThat(Arrays.equals(received, sent)).as("bytes through the proxy equal the bytes sent").isTrue();
    }

    @Test
    void shouldAddLatencyWithinJitterToResponses() throws Exception {
        String listen = routeTo(TestUpstream.echo());
        Socket socket = client(listen);
        double baseline = median(socket, 10);

        proxy.applyFault(listen, FaultSpec.latency(150, 20, 30_000));
        double[] delayed = samples(socket, 10);

        assertThat(baseline).isLessThan(30);
        assertThat(Arrays.stream(delayed).min().orElseThrow()).isGreaterThanOrEqualTo(129);
        assertThat(median(delayed)).isBetween(135.0, 260.0);

        proxy.removeFault(listen, null);
        assertThat(median(socket, 10)).isLessThan(30);
    }

    @Test
    void shouldKeepOrderOfDelayedChunksUnderJitter() throws Exception {
        String listen = routeTo(TestUpstream.echo());
        proxy.applyFault(listen, FaultSpec.latency(30, 30, 30_000));
        Socket socket = client(listen);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        for (int i = 0; i < 50; i++) {
            byte[] message = ("message-" + i + ";").getBytes(StandardCharsets.US_ASCII);
            socket.getOutputStream().write(message);
            sent.write(message);
        }
        byte[] received = readExactly(socket.getInputStream(), sent.size());

        assertThat(new String(received, StandardCharsets.US_ASCII)).isEqualTo(sent.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void shouldHoldExistingConnectionsUnderBlackholeAndResumeAfter() throws Exception {
        String listen = routeTo(TestUpstream.echo());
        Socket socket = client(listen);
        assertThat(exchange(socket, "before".getBytes(StandardCharsets.US_ASCII))).asString().isEqualTo("before");

        proxy.applyFault(listen, FaultSpec.blackhole(30_000));
        socket.getOutputStream().write("during".getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(700);
        assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);

        proxy.removeFault(listen, null);
        socket.setSoTimeout(5_000);
        assertThat(readExactly(socket.getInputStream(), 6)).asString().isEqualTo("during");
    }

    @Test
    void shouldAcceptAndHoldNewConnectionsUnderBlackhole() throws Exception {
        TestUpstream upstream = TestUpstream.echo();
        String listen = routeTo(upstream);
        proxy.applyFault(listen, FaultSpec.blackhole(30_000));

        Socket socket = client(listen);
        socket.getOutputStream().write("held".getBytes(StandardCharsets.US_ASCII));
        socket.setSoTimeout(700);
        assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
        assertThat(socket.isClosed()).isFalse();
        assertThat(proxy.route(listen).orElseThrow().connections()).isEqualTo(1);

        proxy.removeFault(listen, null);
        socket.setSoTimeout(5_000);
        assertThat(readExactly(socket.getInputStream(), 4)).asString().isEqualTo("held");
    }

    @Test
    void shouldResetExistingConnections() throws Exception {
        String listen = routeTo(TestUpstream.echo());
        Socket socket = client(listen);
        assertThat(exchange(socket, new byte[16])).hasSize(16);

        proxy.applyFault(listen, FaultSpec.reset(30_000));

        assertThatThrownBy(() -> socket.getInputStream().read())
                .isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }

    @Test
    void shouldResetNewConnectionsWhileFaulted() throws Exception {
        String listen = routeTo(TestUpstream.echo());
        proxy.applyFault(listen, FaultSpec.reset(30_000));

        assertResetOnConnectOrFirstRead(listen);
        proxy.removeFault(listen, null);
        assertThat(exchange(client(listen), new byte[16])).hasSize(16);
    }

    @Test
    void shouldLimitBandwidthTowardsTheClient() throws Exception {
        int bytes = 150_000;
        String listen = routeTo(TestUpstream.source(bytes));
        proxy.applyFault(listen, FaultSpec.bandwidth(800, 30_000)); // 100,000 bytes/s

        Socket socket = client(listen);
        long start = System.nanoTime();
        byte[] received = socket.getInputStream().readAllBytes();
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(received).hasSize(bytes);
        assertThat(bytes / seconds).as("bytes per second").isBetween(75_000.0, 115_000.0);
    }

    @Test
    void shouldLimitBandwidthTowardsTheUpstream() throws Exception {
        int bytes = 150_000;
        String listen = routeTo(TestUpstream.sink());
        proxy.applyFault(listen, FaultSpec.bandwidth(800, 30_000));

        Socket socket = client(listen);
        long start = System.nanoTime();
        socket.getOutputStream().write(new byte[bytes]);
        socket.shutdownOutput();
        String counted = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        double seconds = (System.nanoTime() - start) / 1e9;

        assertThat(counted).isEqualTo(Integer.toString(bytes));
        assertThat(bytes / seconds).as("bytes per second").isBetween(75_000.0, 115_000.0);
    }

    @Test
    void shouldSpreadConnectionsOverUpstreamsRoundRobin() throws Exception {
        String listen = routeTo(TestUpstream.named("a"), TestUpstream.named("b"));

        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(new String(client(listen).getInputStream().readAllBytes(), StandardCharsets.US_ASCII));
        }

        assertThat(answers).containsExactly("a", "b", "a", "b");
    }

    @Test
    void shouldRelay200ConcurrentConnectionsWithoutErrors() throws Exception {
        int connections = 200;
        String listen = routeTo(TestUpstream.echo());
        ExecutorService clients = Executors.newFixedThreadPool(connections);
        CountDownLatch allConnected = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            int seed = i;
            results.add(clients.submit(() -> {
                try (Socket socket = connect(HostPort.parse(listen))) {
                    allConnected.await();
                    byte[] sent = new byte[32 * 1024];
                    new Random(seed).nextBytes(sent);
                    return Arrays.equals(exchange(socket, sent), sent);
                }
            }));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> proxy.route(listen).orElseThrow().connections() == connections);
        allConnected.countDown();

        int equal = 0;
        for (Future<Boolean> result : results) {
            equal += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
        }
        clients.shutdown();

        assertThat(equal).isEqualTo(connections);
        await().atMost(Duration.ofSeconds(5)).until(() -> proxy.route(listen).orElseThrow().connections() == 0);
    }

    @Test
    void shouldCloseConnectionsWhenRouteIsRemoved() throws Exception {
        String listen = routeTo(TestUpstream.echo());
        Socket socket = client(listen);
        assertThat(exchange(socket, new byte[8])).hasSize(8);

        assertThat(proxy.removeRoute(listen)).isTrue();

        assertThat(socket.getInputStream().read()).isEqualTo(-1);
        assertThat(proxy.routes()).isEmpty();
    }

    @Test
    void shouldResetClientWhenUpstreamRefuses() throws Exception {
        // Bound and never listening: connections to its port are refused, and while it is open no other
        // socket can take the port (a closed server's port can be handed out again at once).
        try (Socket refusing = new Socket()) {
            refusing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            HostPort upstream = new HostPort(InetAddress.getLoopbackAddress().getHostAddress(), refusing.getLocalPort());
            String listen = proxy.addRoute(new RouteSpec(ANY_LOOPBACK_PORT, List.of(upstream))).listen().toString();

            assertResetOnConnectOrFirstRead(listen);
        }
    }

    /** The RST may reach the client while it is still finishing its connect, or on its first read. */
    private void assertResetOnConnectOrFirstRead(String listen) {
        assertThatThrownBy(() -> client(listen).getInputStream().read())
                .isInstanceOf(SocketException.class).hasMessageContaining("reset");
    }

    private static double median(Socket socket, int count) throws IOException {
        return median(samples(socket, count));
    }

    private static double[] samples(Socket socket, int count) throws IOException {
        double[] samples = new double[count];
        for (int i = 0; i < count; i++) {
            samples[i] = roundTripMillis(socket, 64);
        }
        return samples;
    }

    private static double median(double[] samples) {
        double[] sorted = samples.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
