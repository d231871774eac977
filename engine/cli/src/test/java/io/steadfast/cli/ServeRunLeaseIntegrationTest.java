package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.json.Json;
import io.steadfast.store.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One attacker per service across engines, through the HTTP API: two {@code steadfast serve} processes
 * (the packaged jar) on one broker and one real PostgreSQL are asked at the same moment to run the same
 * service. One starts the run, whose fault is real (the service's only instance, a sleeping process,
 * is stopped with a signal for the test's stage); the other answers 409 naming the run that holds the
 * lease. Once that run has ended, the other instance accepts a run of the service.
 */
class ServeRunLeaseIntegrationTest {

    private static final String SERVICE = "worker";

    @TempDir
    Path temp;

    private EmbeddedKafka broker;
    private final List<ServeProcess> serves = new ArrayList<>();
    private Process instance;
    private ServerSocket health;

    @AfterEach
    void stop() throws Exception {
        for (ServeProcess serve : serves) {
            serve.close();
        }
        if (broker != null) {
            broker.stop();
        }
        if (instance != null) {
            instance.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        if (health != null) {
            health.close();
        }
    }

    @Test
    void shouldRunAServiceOnOneInstanceAndRefuseTheOtherUntilTheRunEnds() throws Exception {
        long started = System.nanoTime();
        EmbeddedKafka.throwInsteadOfHalting();
        broker = EmbeddedKafka.onFreePort(temp.resolve("kafka"));
        broker.start();
        PostgresServer.Target db = PostgresServer.shared().newDatabase();
        Path passwordFile = Files.writeString(temp.resolve("db-password"), db.password() + "\n");
        Map<String, String> env = Map.of("STEADFAST_DB_USER", db.user(),
                "STEADFAST_DB_PASSWORD_FILE", passwordFile.toString());
        for (String name : List.of("a", "b")) {
            serves.add(ServeProcess.start(temp.resolve("serve-" + name + ".log"), env, "--kafka-bootstrap",
                    broker.bootstrapServers(), "--kafka-properties", broker.clientPropertiesFile().toString(),
                    "--db-url", db.url(), "--data-dir", temp.resolve("data-" + name).toString()));
        }
        String cliUrl = db.url() + "?user=" + db.user() + "&password=" + db.password();
        CliHarness cli = new CliHarness(temp.resolve("cli"));
        Path pidFile = startInstance();
        register(cli, cliUrl, pidFile, startHealthEndpoint());
        CliHarness.Run created = cli.run("tokens", "create", "--role", "admin", "--db-url", cliUrl);
        assertThat(created.exitCode()).as(created.err()).isZero();
        String token = lastWord(created.out());
        serves.forEach(ServeProcess::awaitServing);
        phase(started, "both instances serve");

        List<HttpResponse<String>> answers = startRunsAtOnce(token, serves.get(0).http(), serves.get(1).http());

        assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(202, 409);
        int winner = answers.get(0).statusCode() == 202 ? 0 : 1;
        ServeProcess running = serves.get(winner);
        ServeProcess refused = serves.get(1 - winner);
        String runId = Json.mapper().readTree(answers.get(winner).body()).path("runId").asText();
        assertThat(runId).startsWith("run-");
        JsonNode conflict = Json.mapper().readTree(answers.get(1 - winner).body()).path("errors").path(0);
        assertThat(conflict.path("field").asText()).isEqualTo("service");
        assertThat(conflict.path("message").asText())
                .contains("service '" + SERVICE + "' must have one run at a time, but its run lease is held by '")
                .contains("/" + running.pid() + "/" + runId + "' until ");

        phase(started, "one run started, one refused");
        await().atMost(Duration.ofSeconds(20)).until(() -> state(pidFile) == 'T');
        JsonNode ended = awaitEnd(running.http(), runId, token);
        assertThat(ended.path("status").asText()).as(ended::toString).isEqualTo("FINISHED");
        assertThat(ended.path("results")).hasSize(1);
        assertThat(ended.path("results").path(0).path("test").asText()).isEqualTo("host");
        assertThat(ended.path("results").path(0).path("status").asText()).as("the instance's loss never touched"
                + " the health endpoint").isEqualTo("PASSED");
        assertThat(state(pidFile)).as("the stopped instance resumed").isNotEqualTo('T');

        phase(started, "the run ended");
        HttpResponse<String> next = post(refused.http().resolve("api/v1/runs"), token, runRequest());
        assertThat(next.statusCode()).as(next.body()).isEqualTo(202);
        String nextId = Json.mapper().readTree(next.body()).path("runId").asText();
        await().atMost(Duration.ofSeconds(20)).until(() -> state(pidFile) == 'T');
        HttpResponse<String> halt = post(refused.http().resolve("api/v1/runs/" + nextId + "/halt"), token, "");
        assertThat(halt.statusCode()).as(halt.body()).isEqualTo(202);
        assertThat(awaitEnd(refused.http(), nextId, token).path("status").asText()).isEqualTo("HALTED");
        assertThat(state(pidFile)).as("the halted run reverted its fault").isNotEqualTo('T');
        phase(started, "the other instance's run halted");
    }

    private static void phase(long started, String what) {
        System.out.printf("run-lease test: %s after %.1f s%n", what, (System.nanoTime() - started) / 1e9);
    }

    /** POSTs a run of the service to both instances from two threads released together. */
    private static List<HttpResponse<String>> startRunsAtOnce(String token, URI first, URI second) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        for (URI http : List.of(first, second)) { // connections open and handlers warm before the race
            HttpResponse<String> whoami = client.send(request(http.resolve("api/v1/whoami"), token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(whoami.statusCode()).as(whoami.body()).isEqualTo(200);
        }
        CountDownLatch go = new CountDownLatch(1);
        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (URI http : List.of(first, second)) {
            answers.add(CompletableFuture.supplyAsync(() -> {
                try {
                    go.await();
                    return client.send(request(http.resolve("api/v1/runs"), token)
                            .POST(HttpRequest.BodyPublishers.ofString(runRequest())).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }));
        }
        go.countDown();
        List<HttpResponse<String>> responses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> answer : answers) {
            responses.add(answer.get(30, TimeUnit.SECONDS));
        }
        return responses;
    }

    private static String runRequest() {
        return "{\"service\": \"" + SERVICE + "\", \"suite\": \"demo\", \"test\": \"host\", \"version\": \"1.0.0\"}";
    }

    /** {@code GET /runs/ID} until it is no longer RUNNING; the last answer. */
    private static JsonNode awaitEnd(URI http, String runId, String token) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            HttpResponse<String> response = HttpClient.newHttpClient().send(
                    request(http.resolve("api/v1/runs/" + runId), token).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            last[0] = Json.mapper().readTree(response.body());
            return !last[0].path("status").asText().equals("RUNNING");
        });
        return last[0];
    }

    private static HttpResponse<String> post(URI uri, String token, String body) throws Exception {
        return HttpClient.newHttpClient().send(request(uri, token).POST(HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder request(URI uri, String token) {
        return HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json");
    }

    /** The service's only instance: a sleeping process, its pid in a pid file. */
    private Path startInstance() throws IOException {
        instance = new ProcessBuilder("sleep", "300").start();
        return Files.writeString(temp.resolve("worker-1.pid"), instance.pid() + "\n");
    }

    /** The service's health check target: a loopback port that accepts every connection. */
    private String startHealthEndpoint() throws IOException {
        health = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(() -> {
            while (!health.isClosed()) {
                try (Socket ignored = health.accept()) {
                    // accepted: a TCP health check asks no more
                } catch (IOException e) {
                    return; // closed at the end of the test
                }
            }
        }, "health-endpoint");
        acceptor.setDaemon(true);
        acceptor.start();
        return "127.0.0.1:" + health.getLocalPort();
    }

    private static void register(CliHarness cli, String cliUrl, Path pidFile, String healthAddress) {
        Path file = cli.write("worker.yaml", """
                apiVersion: steadfast/v1
                kind: Service
                id: %s
                team: payments
                tier: tier-3
                tags: {steadfast-demo: "true"}
                standard: demo
                healthChecks: [{type: tcp, address: "%s", interval: 1s}]
                instances: [{id: worker-1, zone: a, pidFile: "%s"}]
                """.formatted(SERVICE, healthAddress, pidFile));
        CliHarness.Run registered = cli.run("services", "register", file.toString(), "--db-url", cliUrl);
        assertThat(registered.exitCode()).as(registered.err()).isZero();
    }

    /** The process state letter from /proc/PID/stat: T when stopped. */
    private static char state(Path pidFile) {
        try {
            String pid = Files.readString(pidFile).trim();
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String lastWord(String text) {
        String[] words = text.strip().split("\\s+");
        return words[words.length - 1];
    }
}
