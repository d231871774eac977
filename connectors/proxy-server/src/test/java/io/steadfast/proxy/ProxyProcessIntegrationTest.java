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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The proxy as its own process, as {@code steadfast proxy} runs it: a fault works there and expires there. */
class ProxyProcessIntegrationTest {

    private static final Pattern CONTROL = Pattern.compile("proxy: control http://(\\S+)");
    private static final Pattern ROUTE = Pattern.compile("proxy: route (\\S+) -> .*");

    @TempDir
    Path dataDir;

    private static ProcessBuilder proxyProcess(String... args) {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath, ProxyMain.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    @Test
    void shouldApplyAndExpireFaultInSeparateProcess() throws Exception {
        try (TestUpstream upstream = TestUpstream.echo()) {
            Path secretFile = dataDir.resolve("proxy.secret");
            Process process = proxyProcess("--control", "127.0.0.1:0", "--secret-file", secretFile.toString(),
                    "--route", "127.0.0.1:0=" + upstream.address())
                    .redirectError(ProcessBuilder.Redirect.INHERIT)
                    .start();
            try {
                BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                String control = match(CONTROL, out.readLine());
                String listen = match(ROUTE, out.readLine());
                HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                assertThat(Files.getPosixFilePermissions(secretFile)).as("made readable by its owner only")
                        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
                String secret = Files.readString(secretFile).strip();
                assertThat(secret).hasSizeGreaterThanOrEqualTo(43);

                HttpResponse<String> applied = http.send(HttpRequest.newBuilder(URI.create("http://" + control + "/routes/"
                                + URLEncoder.encode(listen, StandardCharsets.UTF_8) + "/fault"))
                        .header("Authorization", "Bearer " + secret).header("Content-Type", "application/json")
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

    @Test
    void shouldRefuseToStartWithASecretFileOthersCanRead() throws Exception {
        Path secretFile = dataDir.resolve("proxy.secret");
        Files.writeString(secretFile, "shared-secret-0123456789-abcdefghijklmnop");
        Files.setPosixFilePermissions(secretFile, PosixFilePermissions.fromString("rw-r--r--"));

        Process process = proxyProcess("--control", "127.0.0.1:0", "--secret-file", secretFile.toString())
                .redirectErrorStream(true).start();

        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(2);
        assertThat(output).contains("error: proxy secret file '" + secretFile + "' must be readable and writable by its"
                + " owner only (chmod 600), but was rw-r--r--");
    }

    @Test
    void shouldRefuseToStartWithARouteOnAllInterfacesUnlessAllowed() throws Exception {
        Path secretFile = dataDir.resolve("proxy.secret");

        Process refused = proxyProcess("--control", "127.0.0.1:0", "--secret-file", secretFile.toString(),
                "--route", "0.0.0.0:0=127.0.0.1:9").redirectErrorStream(true).start();

        String output = new String(refused.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(refused.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(refused.exitValue()).isEqualTo(2);
        assertThat(output).contains("error: route listen address must be a loopback address unless the proxy is started"
                + " with --allow-non-loopback-listen, but was '0.0.0.0:0'");

        Process allowed = proxyProcess("--control", "127.0.0.1:0", "--secret-file", secretFile.toString(),
                "--allow-non-loopback-listen", "--route", "0.0.0.0:0=127.0.0.1:9")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(allowed.getInputStream(), StandardCharsets.UTF_8));
            match(CONTROL, out.readLine());
            assertThat(match(ROUTE, out.readLine())).startsWith("0.0.0.0:");
        } finally {
            allowed.destroy();
            assertThat(allowed.waitFor(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static String match(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(String.valueOf(line));
        assertThat(matcher.matches()).as("proxy printed '%s'", line).isTrue();
        return matcher.group(1);
    }
}
