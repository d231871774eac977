package io.steadfast.connectors.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.steadfast.connectors.process.internal.Proc;
import io.steadfast.model.Instance;
import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InstanceStopIntegrationTest {

    private final Fixtures fixtures = new Fixtures();

    @TempDir
    Path dir;

    @AfterEach
    void endChildren() throws InterruptedException {
        fixtures.close();
    }

    private static FaultInjector injector() {
        return new InstanceStopInjectorProvider().create(Map.of());
    }

    private static char state(Process process) {
        return Proc.stat(process.pid()).orElseThrow().state();
    }

    private static void awaitState(Process process, char state) {
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(state(process)).isEqualTo(state));
    }

    @Test
    void shouldFreezeProcessWithSigstopAndContinueItOnRevert() throws Exception {
        Process sleeper = fixtures.sleeper();
        Instance instance = fixtures.sleeperInstance(dir, "checkout-1", "a", sleeper);
        FaultInjector injector = injector();

        assertThat(injector.plan(Fixtures.instanceStop(1, instance)))
                .contains("checkout-1", "SIGSTOP to PID " + sleeper.pid());
        assertThat(state(sleeper)).isEqualTo('S');

        ActiveFault fault = injector.inject(Fixtures.instanceStop(1, instance));
        awaitState(sleeper, 'T');
        assertThat(fault.journal())
                .containsEntry("instance.checkout-1.pid", Long.toString(sleeper.pid()))
                .containsEntry("instance.checkout-1.startTime",
                        Long.toString(Proc.stat(sleeper.pid()).orElseThrow().startTime()));

        fault.revert();
        awaitState(sleeper, 'S');
        fault.revert();
        assertThat(state(sleeper)).isNotEqualTo('T');
    }

    @Test
    void shouldContinueAProcessStoppedAfterItsIntentWasJournalledAndLeaveOneNeverStoppedRunning() throws Exception {
        Process sleeper = fixtures.sleeper();
        Instance instance = fixtures.sleeperInstance(dir, "checkout-1", "a", sleeper);
        Map<String, String> intent = Map.copyOf(injector().intent(Fixtures.instanceStop(1, instance)));

        injector().revert(intent);
        assertThat(state(sleeper)).isNotEqualTo('T');

        Map<String, String> journal = injector().inject(Fixtures.instanceStop(1, instance)).journal();
        awaitState(sleeper, 'T');
        assertThat(intent).isEqualTo(journal);

        injector().revert(intent);

        awaitState(sleeper, 'S');
    }

    @Test
    void shouldContinueStoppedProcessFromJournalWithFreshInjector() throws Exception {
        Process sleeper = fixtures.sleeper();
        Instance instance = fixtures.sleeperInstance(dir, "checkout-1", "a", sleeper);
        Map<String, String> journal = Map.copyOf(injector().inject(Fixtures.instanceStop(1, instance)).journal());
        awaitState(sleeper, 'T');

        injector().revert(journal);

        awaitState(sleeper, 'S');
    }

    @Test
    void shouldNeverSignalAPidThatNowBelongsToAnotherProcess() throws Exception {
        Process original = fixtures.sleeper();
        Instance instance = fixtures.sleeperInstance(dir, "checkout-1", "a", original);
        Map<String, String> journal = new HashMap<>(injector().inject(Fixtures.instanceStop(1, instance)).journal());
        original.destroyForcibly();
        assertThat(original.waitFor(5, TimeUnit.SECONDS)).isTrue();
        // Another process now holds the PID in the pidFile and in the journal, as after the kernel reused it.
        Process other = fixtures.sleeper();
        Files.writeString(Path.of(instance.pidFile()), other.pid() + "\n");
        journal.put("instance.checkout-1.pid", Long.toString(other.pid()));
        Proc.kill("STOP", other.pid());
        awaitState(other, 'T');

        injector().revert(journal); // the stopped process is gone: nothing to revert, and the other is left alone

        assertThat(state(other)).isEqualTo('T');
    }

    @Test
    void shouldTreatProcessThatIsGoneOrRunningAsReverted() throws Exception {
        Process sleeper = fixtures.sleeper();
        Instance instance = fixtures.sleeperInstance(dir, "checkout-1", "a", sleeper);
        ActiveFault fault = injector().inject(Fixtures.instanceStop(1, instance));
        injector().revert(fault.journal());
        awaitState(sleeper, 'S');

        injector().revert(fault.journal());
        sleeper.destroyForcibly();
        assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
        fault.revert();

        assertThat(Proc.stat(sleeper.pid())).isEmpty();
    }

    @Test
    void shouldStopTheFirstCountInstancesById() throws Exception {
        Process a = fixtures.sleeper();
        Process b = fixtures.sleeper();
        Process c = fixtures.sleeper();
        Instance[] instances = {
            fixtures.sleeperInstance(dir, "web-c", "a", c),
            fixtures.sleeperInstance(dir, "web-a", "a", a),
            fixtures.sleeperInstance(dir, "web-b", "b", b)};

        ActiveFault fault = injector().inject(Fixtures.instanceStop(2, instances));

        awaitState(a, 'T');
        awaitState(b, 'T');
        assertThat(state(c)).isEqualTo('S');
        assertThat(fault.description()).startsWith("stop 2 of 3 instances of 'checkout': web-a");
        fault.revert();
        awaitState(a, 'S');
        awaitState(b, 'S');
    }

    @Test
    void shouldStopEveryInstanceOfZone() throws Exception {
        Process a = fixtures.sleeper();
        Process b = fixtures.sleeper();
        Instance first = fixtures.sleeperInstance(dir, "web-1", "a", a);
        Instance second = fixtures.sleeperInstance(dir, "web-2", "a", b);

        ActiveFault fault = injector().inject(Fixtures.zoneOutage(first, second));

        awaitState(a, 'T');
        awaitState(b, 'T');
        assertThat(fault.description()).startsWith("stop every instance of 'checkout' in zone 'a'");
        fault.revert();
        awaitState(a, 'S');
        awaitState(b, 'S');
    }

    @Test
    void shouldRunStopAndStartCommandsWithServiceAndInstanceInEnvironment() throws Exception {
        Path stopped = dir.resolve("stopped");
        Path started = dir.resolve("started");
        Instance instance = new Instance("web-1", "a", null,
                "echo \"$STEADFAST_SERVICE $STEADFAST_INSTANCE\" > '" + stopped + "'",
                "rm '" + stopped + "' && echo \"$STEADFAST_INSTANCE\" > '" + started + "'");

        ActiveFault fault = injector().inject(Fixtures.instanceStop(1, instance));
        assertThat(stopped).hasContent("checkout web-1");
        assertThat(started).doesNotExist();

        injector().revert(fault.journal());
        assertThat(stopped).doesNotExist();
        assertThat(started).hasContent("web-1");
    }

    @Test
    void shouldRestartStoppedInstancesWhenALaterOneFailsToStop() throws Exception {
        Process sleeper = fixtures.sleeper();
        Path restarted = dir.resolve("restarted");
        Instance frozen = fixtures.sleeperInstance(dir, "web-1", "a", sleeper);
        Instance failing = new Instance("web-2", "a", null, "echo 'no such unit' >&2; exit 3",
                "touch '" + restarted + "'");

        assertThatThrownBy(() -> injector().inject(Fixtures.instanceStop(2, frozen, failing)))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("stopCommand")
                .hasMessageContaining("exited 3: no such unit");

        awaitState(sleeper, 'S');
        assertThat(restarted).exists();
    }

    @Test
    void shouldRefuseMissingPidFilesDeadProcessesAndTheEngineItself() throws Exception {
        Path deadPidFile = dir.resolve("dead.pid");
        Process dead = fixtures.sleeper();
        dead.destroyForcibly();
        assertThat(dead.waitFor(5, TimeUnit.SECONDS)).isTrue();
        Files.writeString(deadPidFile, Long.toString(dead.pid()));
        Path selfPidFile = dir.resolve("self.pid");
        Files.writeString(selfPidFile, Long.toString(ProcessHandle.current().pid()));
        Instance missing = new Instance("web-1", "a", dir.resolve("missing.pid").toString(), null, null);
        Instance gone = new Instance("web-2", "a", deadPidFile.toString(), null, null);
        Instance self = new Instance("web-3", "a", selfPidFile.toString(), null, null);
        Instance halfCommanded = new Instance("web-4", "a", null, "true", null);

        assertThatThrownBy(() -> injector().plan(Fixtures.zoneOutage(missing, gone, self, halfCommanded)))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("pidFile '" + missing.pidFile() + "' of instance 'web-1' must exist")
                .hasMessageContaining("must name a running process, but PID " + dead.pid() + " has none")
                .hasMessageContaining("must name a process other than init and the engine")
                .hasMessageContaining("instance 'web-4' must have both stopCommand and startCommand");
    }

    @Test
    void shouldRefuseCountBeyondTheInstances() throws Exception {
        Instance instance = fixtures.sleeperInstance(dir, "web-1", "a", fixtures.sleeper());

        assertThatThrownBy(() -> injector().plan(Fixtures.instanceStop(2, instance)))
                .isInstanceOf(FaultException.class)
                .hasMessage("count of fault 'instance-stop' on service 'checkout' must be from 1 to 1 (its instances), "
                        + "but was 2");
    }
}
