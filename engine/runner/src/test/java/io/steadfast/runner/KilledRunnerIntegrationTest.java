package io.steadfast.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.steadfast.runner.RunUntilKilled.Moment;
import io.steadfast.spi.fault.FaultInjectorProvider;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An engine SIGKILLed while an {@code instance-stop} fault is applied, or about to be, leaves it in the
 * fault journal, and the next engine to start reverts it: the real runner and the real instance-stop
 * injector in a child JVM ({@link RunUntilKilled}) against a real {@code sleep} process, and the start
 * of the next engine ({@link Runner#recoverJournal}) in this one.
 */
class KilledRunnerIntegrationTest {

    /** A JVM start and one test's preflight; far more than either takes, and still a short wait. */
    private static final Duration MARKER_WAIT = Duration.ofSeconds(30);
    private static final int SIGKILL = 9;

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void endChildren() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void shouldContinueTheProcessAnEngineStoppedWhenKilledRightAfterTheInjectorAppliedTheFault() throws Exception {
        Process victim = victim();
        Path journalDir = dir.resolve("faults");

        Process engine = engineUntil(Moment.AFTER_INJECT, journalDir, victim);

        assertThat(state(victim)).as("victim once the injector applied the fault").isEqualTo('T');
        assertThat(new FaultJournal(journalDir).pending()).singleElement()
                .satisfies(entry -> assertThat(entry.ownerPid()).isEqualTo(engine.pid()));
        kill(engine);
        assertThat(state(victim)).as("victim after the engine was killed, before the next start").isEqualTo('T');
        assertThat(new FaultJournal(journalDir).pending()).hasSize(1);

        List<String> lines = nextStart(journalDir).recoverJournal();

        assertThat(lines).singleElement().asString()
                .startsWith("reverted stop 1 of 1 instances of 'checkout': checkout-1 (SIGSTOP to PID " + victim.pid())
                .contains(" on checkout, applied at ");
        awaitRunning(victim);
        assertThat(new FaultJournal(journalDir).pending()).isEmpty();
    }

    @Test
    void shouldContinueTheProcessAnEngineStoppedWhenKilledWhileItHeldTheFault() throws Exception {
        Process victim = victim();
        Path journalDir = dir.resolve("faults");

        Process engine = engineUntil(Moment.DURING_FAULT, journalDir, victim);

        assertThat(state(victim)).as("victim while the engine holds the fault").isEqualTo('T');
        kill(engine);
        assertThat(state(victim)).as("victim after the engine was killed, before the next start").isEqualTo('T');

        List<String> lines = nextStart(journalDir).recoverJournal();

        assertThat(lines).singleElement().asString().startsWith("reverted stop 1 of 1 instances of 'checkout'");
        awaitRunning(victim);
        assertThat(new FaultJournal(journalDir).pending()).isEmpty();
    }

    @Test
    void shouldLeaveTheProcessRunningWhenTheEngineWasKilledAfterJournallingTheIntentBeforeApplyingIt()
            throws Exception {
        Process victim = victim();
        Path journalDir = dir.resolve("faults");

        Process engine = engineUntil(Moment.BEFORE_INJECT, journalDir, victim);

        assertThat(new FaultJournal(journalDir).pending()).as("the intent, journalled before the fault")
                .singleElement()
                .satisfies(entry -> assertThat(entry.data())
                        .containsEntry("instance.checkout-1.pid", Long.toString(victim.pid())));
        assertThat(state(victim)).as("victim the injector was about to stop").isNotEqualTo('T');
        kill(engine);

        List<String> lines = nextStart(journalDir).recoverJournal();

        assertThat(lines).singleElement().asString().startsWith("reverted stop 1 of 1 instances of 'checkout'");
        assertThat(state(victim)).as("victim never stopped, after the next start").isIn('S', 'R');
        assertThat(victim.isAlive()).isTrue();
        assertThat(new FaultJournal(journalDir).pending()).isEmpty();
    }

    /** {@code sleep 600}, sleeping. */
    private Process victim() throws IOException {
        Process victim = new ProcessBuilder("sleep", "600").start();
        started.add(victim);
        await("victim sleep " + victim.pid() + " to sleep").atMost(Duration.ofSeconds(5))
                .until(() -> RunUntilKilled.state(victim.pid()).orElse('?') == 'S');
        return victim;
    }

    /** A child JVM running {@link RunUntilKilled}, returned once it wrote its marker at {@code moment}. */
    private Process engineUntil(Moment moment, Path journalDir, Process victim) throws IOException {
        Path pidFile = dir.resolve("checkout-1.pid");
        Files.writeString(pidFile, victim.pid() + "\n");
        Path marker = dir.resolve("marker");
        Path log = dir.resolve("engine.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process engine = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                RunUntilKilled.class.getName(), moment.name(), journalDir.toString(), pidFile.toString(),
                marker.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        started.add(engine);
        try {
            await("engine " + engine.pid() + " to reach " + moment).atMost(MARKER_WAIT)
                    .pollInterval(Duration.ofMillis(50))
                    .until(() -> Files.exists(marker) || !engine.isAlive());
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("engine " + engine.pid() + " did not reach " + moment + " within " + MARKER_WAIT
                    + " (no marker " + marker + "); its output:\n" + Files.readString(log), e);
        }
        if (!Files.exists(marker)) {
            throw new AssertionError("engine " + engine.pid() + " exited " + engine.exitValue() + " before it reached "
                    + moment + "; its output:\n" + Files.readString(log));
        }
        return engine;
    }

    /** SIGKILL: no shutdown hook runs, nothing is reverted on the way down. */
    private static void kill(Process engine) throws InterruptedException {
        engine.destroyForcibly();
        assertThat(engine.waitFor(10, TimeUnit.SECONDS)).as("engine " + engine.pid() + " gone after SIGKILL").isTrue();
        assertThat(engine.exitValue()).as("exit status of the engine (128 + the signal that ended it)")
                .isEqualTo(128 + SIGKILL);
    }

    /** The runner the next engine starts with, wired as the application wires it, on the same journal. */
    private static Runner nextStart(Path journalDir) {
        List<FaultInjectorProvider> faults = ServiceLoader.load(FaultInjectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .toList();
        Clock clock = Clock.systemUTC();
        return new Runner(Connectors.of(faults, List.of(), List.of(), Map.of()), new FaultJournal(journalDir), clock,
                Pause.sleeping(clock), Runner.Settings.DEFAULTS);
    }

    private static char state(Process process) {
        return RunUntilKilled.state(process.pid()).orElseThrow(() -> new AssertionError("process " + process.pid()
                + " must exist, but is gone"));
    }

    private static void awaitRunning(Process victim) {
        await("victim " + victim.pid() + " to run again").atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(state(victim)).isIn('S', 'R'));
    }
}
