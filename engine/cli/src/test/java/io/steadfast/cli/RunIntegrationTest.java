package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.demo.DemoWorld;
import io.steadfast.proxy.ProxySecret;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code steadfast run} and {@code steadfast halt} against the demo's real services and fault proxy,
 * each a process of its own: outcomes scored, a halt reverting within one check interval, a dead
 * engine's fault reverted by the next start, one run per service at a time (the run lease), and only
 * registered targets attacked.
 */
class RunIntegrationTest {

    @TempDir
    Path temp;

    private CliHarness cli;
    private DemoWorld world;

    @BeforeEach
    void startServices() {
        cli = new CliHarness(temp.resolve("data"));
        world = DemoWorld.start(temp.resolve("data"));
        register("checkout.yaml", world.checkoutYaml());
    }

    @AfterEach
    void stopServices() {
        world.close();
    }

    private void register(String name, String yaml) {
        CliHarness.Run registered = cli.run("services", "register", cli.write(name, yaml).toString());
        assertThat(registered.exitCode()).as(registered.err()).isZero();
    }

    @Test
    void shouldRefuseATargetThatIsNotRegistered() {
        CliHarness.Run run = cli.run("run", "ghost");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("service 'ghost' must be registered before it is tested");
    }

    @Test
    void shouldPrintThePlanAndApplyNothingOnADryRun() throws Exception {
        CliHarness.Run run = cli.run("run", "checkout", "--dry-run");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("plan for checkout (10 tests; nothing applied)")
                .contains("dependency-failure[payments]: blackhole").contains("host: stop 1 of 2 instances")
                .contains("certificate-expiry[payments]: check certificate-expiry");
        assertThat(inventoryRoute()).contains("\"fault\":null");
        assertThat(state(world.pidFile("checkout-1"))).isNotEqualTo('T');
        assertThat(Files.getPosixFilePermissions(ProxySecret.defaultFile(temp.resolve("data"))))
                .as("the proxy's secret, made by steadfast proxy in the data directory the engine reads it from")
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void shouldScoreAServiceThatSurvivesAFailingDependencyAndOneThatDoesNot() {
        CliHarness.Run run = cli.run("run", "checkout", "--test", "dependency-failure");
        CliHarness.Run score = cli.run("score", "checkout", "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).containsPattern("dependency-failure\\s+inventory\\s+(PASSED|DEGRADED)")
                .containsPattern("dependency-failure\\s+payments\\s+HALTED");
        assertThat(score.out()).containsPattern("dependency-failure \\(must pass\\)\\s+payments\\s+HALTED\\s+\\S+\\s+0\\.0")
                .containsPattern("dependency-failure \\(must pass\\)\\s+inventory\\s+(PASSED\\s+\\S+\\s+100\\.0|DEGRADED\\s+\\S+\\s+50\\.0)")
                .contains("must-pass test 'dependency-failure' on 'payments' has no fresh PASSED result (last: HALTED");
    }

    @Test
    void shouldRevertWithinOneCheckIntervalWhenHalted() throws Exception {
        CompletableFuture<CliHarness.Run> run = CompletableFuture.supplyAsync(
                () -> cli.run("run", "checkout", "--test", "dependency-latency"));
        await(() -> inventoryRoute().contains("\"type\":\"latency\""), Duration.ofSeconds(30));

        long halted = System.nanoTime();
        CliHarness.Run halt = cli.run("halt");
        await(() -> inventoryRoute().contains("\"fault\":null"), Duration.ofSeconds(5));
        Duration reverted = Duration.ofNanos(System.nanoTime() - halted);

        assertThat(halt.exitCode()).as(halt.err()).isZero();
        assertThat(reverted).as("one check interval (1 s) and the probe in flight").isLessThan(Duration.ofMillis(2500));
        CliHarness.Run finished = run.get(30, TimeUnit.SECONDS);
        assertThat(finished.out()).contains("run halted by an operator").contains("halted: 1 of 2 tests ran");
    }

    @Test
    void shouldRevertAFaultLeftByAKilledEngineWhenTheNextOneStarts() throws Exception {
        Process engine = startRunOfASurvivingWorker();
        Path checkout1 = world.pidFile("checkout-1");

        engine.destroyForcibly();
        assertThat(engine.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(state(checkout1)).as("the killed engine could not revert").isEqualTo('T');

        CliHarness.Run next = cli.run("run", "worker", "--dry-run");

        assertThat(next.out()).contains("journal: reverted stop 1 of 1 instances of 'worker'");
        assertThat(state(checkout1)).isNotEqualTo('T');
        assertThat(journalEntries()).isZero();
    }

    @Test
    void shouldRefuseASecondRunOfAServiceWhileAnotherEngineAttacksIt() throws Exception {
        Process engine = startRunOfASurvivingWorker();

        CliHarness.Run second = cli.run("run", "worker", "--test", "host");

        assertThat(second.exitCode()).as(second.out()).isNotZero();
        assertThat(second.err()).contains("service 'worker' must have one run at a time, but its run lease is held by")
                .contains("/" + engine.pid() + "/run-");
        assertThat(journalEntries()).as("faults in effect: the first engine's only").isEqualTo(1);
        engine.destroy();
        assertThat(engine.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void shouldRevertTheActiveFaultWhenTheEngineIsStopped() throws Exception {
        Process engine = startRunOfASurvivingWorker();

        engine.destroy(); // SIGTERM, as a service manager stops it

        assertThat(engine.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(state(world.pidFile("checkout-1"))).isNotEqualTo('T');
        assertThat(journalEntries()).isZero();
    }

    /**
     * Starts {@code steadfast run worker --test host} as a separate process and returns once its fault
     * (checkout-1 stopped) is in effect and journaled. The worker survives losing checkout-1 (its health
     * is inventory's port), so the fault lasts its whole stage.
     */
    private Process startRunOfASurvivingWorker() throws Exception {
        register("worker.yaml", """
                apiVersion: steadfast/v1
                kind: Service
                id: worker
                team: payments
                tier: tier-3
                tags: {steadfast-demo: "true"}
                standard: demo
                healthChecks: [{type: tcp, address: "%s", interval: 1s}]
                instances: [{id: checkout-1, zone: a, pidFile: "%s"}]
                """.formatted(world.inventoryAddress(), world.pidFile("checkout-1")));
        Path root = CliHarness.repositoryRoot();
        Process engine = new ProcessBuilder("java", "-jar", root.resolve("engine/cli/target/steadfast.jar").toString(),
                "run", "worker", "--test", "host", "--data-dir", temp.resolve("data").toString(),
                "--suites", root.resolve("test-suites").toString(), "--rules", root.resolve("scoring-rules").toString())
                .redirectErrorStream(true).redirectOutput(temp.resolve("engine.log").toFile()).start();
        await(() -> state(world.pidFile("checkout-1")) == 'T' && journalEntries() == 1, Duration.ofSeconds(60));
        return engine;
    }

    private String inventoryRoute() {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://" + world.proxyControl() + "/routes/" + world.inventoryRoute()))
                            .header("Authorization", "Bearer " + ProxySecret.read(ProxySecret.defaultFile(temp.resolve("data"))))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.body().replace(" ", "");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private long journalEntries() {
        Path faults = temp.resolve("data/faults");
        if (!Files.isDirectory(faults)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(faults)) {
            return files.filter(f -> f.toString().endsWith(".json")).count();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The process state letter from /proc/PID/stat: T when stopped. */
    private static char state(Path pidFile) {
        try {
            String pid = Files.readString(pidFile).trim();
            String stat = Files.readString(Path.of("/proc", pid, "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within " + timeout).isLessThan(deadline);
            Thread.sleep(20);
        }
    }
}
