package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.connectors.kafka.EmbeddedKafka;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steadfast serve} from the packaged jar over HTTPS with a PEM certificate and key (made here
 * with the machine's {@code openssl}), at the DEBUG log level: it answers over TLS only, with the
 * security headers, and its log holds the request's Authorization header masked. An address other
 * than loopback without TLS is refused unless {@code --insecure-http} says so.
 */
class ServeTlsIntegrationTest {

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
    void shouldServeHttpsFromPemFilesAndMaskTheTokenInTheDebugLog() throws Exception {
        Path cert = temp.resolve("cert.pem");
        Path key = temp.resolve("key.pem");
        openssl("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
                "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key.toString(),
                "-out", cert.toString());
        Path data = temp.resolve("data");
        CliHarness cli = new CliHarness(data);
        CliHarness.Run created = cli.run("tokens", "create", "--role", "viewer");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String[] words = created.out().strip().split("\\s+");
        String token = words[words.length - 1];

        serve = ServeProcess.start(temp.resolve("serve.log"), Map.of("STEADFAST_LOG_LEVEL", "DEBUG"),
                "--kafka-bootstrap", bootstrap(), "--data-dir", data.toString(), "--bind", "0.0.0.0",
                "--tls-cert", cert.toString(), "--tls-key", key.toString()).awaitServing();
        URI announced = serve.http();
        assertThat(announced.getScheme()).isEqualTo("https");
        String base = "https://127.0.0.1:" + announced.getPort();
        HttpClient client = HttpClient.newBuilder().sslContext(trusting(cert)).connectTimeout(Duration.ofSeconds(10)).build();

        HttpResponse<String> services = client.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/services"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(services.statusCode()).as(services.body()).isEqualTo(200);
        assertThat(services.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(services.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        assertThat(services.headers().firstValue("X-Frame-Options")).contains("DENY");
        assertThat(services.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("frame-ancestors 'none'");
        assertThatThrownBy(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + announced.getPort() + "/health")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString())).as("no plain HTTP on the TLS port").isInstanceOf(IOException.class);
        String log = serve.output();
        assertThat(log).as("the request's headers were logged at DEBUG, masked").contains("Authorization: ***");
        assertThat(log).doesNotContain(token);
    }

    @Test
    void shouldRefuseANonLoopbackAddressWithoutTlsUnlessToldInsecureHttp() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), "serve", "--bind", "0.0.0.0",
                "--port", "0", "--kafka-bootstrap", bootstrap(), "--data-dir", temp.resolve("refused").toString());

        assertThat(code).isEqualTo(2);
        assertThat(err.toString().lines().toList()).singleElement().asString().isEqualTo("error: --bind '0.0.0.0' must be"
                + " a loopback address when serving plain HTTP, but is not: give --tls-cert and --tls-key to serve HTTPS,"
                + " or --insecure-http to serve HTTP anyway");
        assertThat(out.toString()).doesNotContain("serving:");

        serve = ServeProcess.start(temp.resolve("insecure.log"), Map.of(), "--kafka-bootstrap", bootstrap(),
                "--data-dir", temp.resolve("data").toString(), "--bind", "0.0.0.0", "--insecure-http").awaitServing();
        HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + serve.http().getPort() + "/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseAKeyThatIsNotPkcs8OrACertificateWithoutItsKey() throws Exception {
        Path cert = temp.resolve("cert.pem");
        Path key = temp.resolve("key.pem");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-keyout", key.toString(), "-out", cert.toString());
        Path rsaKey = temp.resolve("rsa.pem");
        openssl("rsa", "-in", key.toString(), "-traditional", "-out", rsaKey.toString());

        StringWriter err = new StringWriter();
        int traditional = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), "serve",
                "--tls-cert", cert.toString(), "--tls-key", rsaKey.toString(), "--data-dir", temp.resolve("data").toString());
        StringWriter onlyCert = new StringWriter();
        int alone = Main.run(new PrintWriter(new StringWriter(), true), new PrintWriter(onlyCert, true), "serve",
                "--tls-cert", cert.toString(), "--data-dir", temp.resolve("data").toString());

        assertThat(traditional).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: --tls-key '" + rsaKey + "' must hold an unencrypted PKCS#8 key");
        assertThat(alone).isEqualTo(2);
        assertThat(onlyCert.toString()).isEqualTo("error: --tls-cert and --tls-key must be given together, but only"
                + " --tls-cert was" + System.lineSeparator());
    }

    /** The broker serve ingests from, started on first use: the tests refused before serving need none. */
    private String bootstrap() {
        if (broker == null) {
            EmbeddedKafka.throwInsteadOfHalting();
            broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
            broker.start();
        }
        return broker.bootstrapServers();
    }

    private static SSLContext trusting(Path cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(cert)) {
            trust.setCertificateEntry("serve", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, factory.getTrustManagers(), null);
        return context;
    }

    private void openssl(String... args) throws Exception {
        Process process = new ProcessBuilder(concat("openssl", args)).redirectErrorStream(true)
                .redirectOutput(temp.resolve("openssl.log").toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("openssl %s: %s", List.of(args), Files.readString(temp.resolve("openssl.log")))
                .isZero();
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.stream.Stream.of(rest)).toList();
    }
}
