package io.steadfast.proxy;

import static io.steadfast.proxy.Clients.connect;
import static io.steadfast.proxy.Clients.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The proxy as its own process, as {@code steadfast proxy} runs it: a fault works there and expires there. */
class ProxyProcessIntegrationTest {

    private static final Pattern CONTROL = Pattern.compile("proxy: control http://(\\S+)");
    private static final Pattern ROUTE = Pattern.compile("proxy: route (\\S+) -> .*");

    @Test
    void shouldApplyAndExpireFaultInSeparateProcess() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo()) {
            String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process process = new ProcessBuilder(java, "-cp", classPath, ProxyMain.class.getName(),
                    "--control", "127.0.0.1:0", "--route", "127.0.0.1:0=" + upstream.address())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String control = match(CONTROL, out.readLine());
                String listen = match(ROUTE, out.readLine());
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

                HttpResponse<String> applied = http.send(HttpRequest.newBuilder(URI.create("http://" + control + "/routes/"
                                + URLEncoder.encode(listen, StandardCharsets.UTF_8) + "/fault"))
                        .PUT(HttpRequest.BodyPublishers.ofString("{\"type\":\"blackhole\",\"leaseMs\":1000}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);

                try (Socket socket = connect(HostPort.parse(listen))) {
                    socket.getOutputStream().write(new byte[8]);
                    socket.setSoTimeout(300);
                    assertThatThrownBy(() -> socket.getInputStream().read()).isInstanceOf(SocketTimeoutException.class);
                    socket.setSoTimeout(5_000);
                    assertThat(Clients.readExactly(socket.getInputStream(), 8)).as("released once the lease ran out").hasSize(8);
                }
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                    try (Socket socket = connect(HostPort.parse(listen))) {
                        socket.setSoTimeout(1_000);
                        assertThat(exchange(socket, new byte[16])).hasSize(16);
                    }
                });
            } finally {
                process.destroy();
                assertThat(process.waitFor(10, TimeUnit.SECONDS)).as("proxy stops on SIGTERM").isTrue();
            }
        }
    }

    private static String match(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(String.valueOf(line));
        assertThat(matcher.matches()).as("proxy printed '%s'", line).isTrue();
        return matcher.group(1);
    }
}
