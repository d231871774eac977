package io.steadfast.connectors.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.steadfast.connectors.process.internal.Burner;
import io.steadfast.connectors.process.internal.Proc;
import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The built-in burner, forced with {@code stress.engine=builtin} whether or not stress-ng is installed. */
class StressIntegrationTest {

    private static final Duration LONG_LEASE = Duration.ofMinutes(1);

    private ActiveFault fault;

    @AfterEach
    void revert() {
        if (fault != null) {
            fault.revert();
        }
    }

    private static FaultInjector builtin(String... settings) {
        Map<String, String> config = new HashMap<>(Map.of("stress.engine", "builtin"));
        for (int i = 0; i < settings.length; i += 2) {
            config.put(settings[i], settings[i + 1]);
        }
        return new StressInjectorProvider().create(config);
    }

    private static ProcessHandle burner() {
        List<ProcessHandle> burners = ProcessHandle.current().children()
                .filter(child -> child.info().commandLine().orElse("").contains(Burner.class.getName()))
                .toList();
        assertThat(burners).hasSize(1);
        return burners.get(0);
    }

    private static long clockTicksPerSecond() throws Exception {
        Process getconf = new ProcessBuilder("getconf", "CLK_TCK").start();
        String ticks = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
        assertThat(getconf.waitFor()).isZero();
        return Long.parseLong(ticks);
    }

    @Test
    void shouldBurnTheStagesShareOfTheHostsCpuUntilReverted() throws Exception {
        fault = builtin().inject(Fixtures.stress("cpu", 50, LONG_LEASE));
        ProcessHandle burner = burner();

        long ticksBefore = Proc.stat(burner.pid()).orElseThrow().cpuTicks();
        long start = System.nanoTime();
        Thread.sleep(2000); // the measuring interval, not a wait for something to happen
        long ticks = Proc.stat(burner.pid()).orElseThrow().cpuTicks() - ticksBefore;
        double seconds = (System.nanoTime() - start) / 1e9;

        double coresBusy = ticks / (double) clockTicksPerSecond() / seconds;
        // 50% of every core is one whole core on two. A child that burns nothing stays near 0; the
        // margin is for shared machines (a load of 8 on 2 cores leaves the burner about a third of its share).
        double expected = Runtime.getRuntime().availableProcessors() * 0.5;
        assertThat(coresBusy).isGreaterThan(expected * 0.15).isLessThan(expected * 1.5 + 0.2);
        assertThat(fault.description()).startsWith("burn 50% of the host's CPU on "
                + Runtime.getRuntime().availableProcessors() + " cores with the built-in burner");

        fault.revert();
        assertThat(burner.isAlive()).isFalse();
        assertThatThrownBy(() -> fault.renew(LONG_LEASE)).isInstanceOf(FaultException.class);
    }

    @Test
    void shouldExitByItselfWhenLeaseRunsOutUnrenewed() {
        fault = builtin().inject(Fixtures.stress("cpu", 10, Duration.ofSeconds(2)));
        ProcessHandle burner = burner();
        assertThat(burner.isAlive()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !burner.isAlive());

        assertThatThrownBy(() -> fault.renew(LONG_LEASE))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("its lease ran out unrenewed");
        assertThat(fault.journal()).isEmpty();
    }

    @Test
    void shouldKeepRunningWhileLeaseIsRenewed() throws Exception {
        Duration lease = Duration.ofMillis(1500);
        fault = builtin().inject(Fixtures.stress("cpu", 10, lease));
        ProcessHandle burner = burner();

        for (int i = 0; i < 8; i++) {
            fault.renew(lease);
            Thread.sleep(500); // the renewal period, shorter than the lease
        }
        assertThat(burner.isAlive()).isTrue();

        await().atMost(Duration.ofSeconds(10)).until(() -> !burner.isAlive());
    }

    @Test
    void shouldExitWhenItsInputClosesAsWhenTheEngineDies() throws Exception {
        Path classes = Path.of(Burner.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process burner = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-Xmx32m",
                "-cp", classes.toString(), Burner.class.getName(), "cpu", "10", "600000")
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(burner.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo(Burner.READY);

            burner.getOutputStream().close();

            assertThat(burner.waitFor(10, TimeUnit.SECONDS)).isTrue();
        } finally {
            burner.destroyForcibly();
        }
    }

    @Test
    void shouldHoldTheAskedMemoryCappedToTheCeiling() throws Exception {
        fault = builtin("stress.memoryCeilingMb", "64").inject(Fixtures.stress("memory", 50, LONG_LEASE));
        ProcessHandle burner = burner();

        long rssKb = Files.readAllLines(Path.of("/proc", Long.toString(burner.pid()), "status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .map(line -> Long.parseLong(line.replaceAll("[^0-9]", "")))
                .findFirst().orElseThrow();
        assertThat(rssKb / 1024).isBetween(64L, 64L + 160);
        assertThat(fault.description())
                .startsWith("hold 64 MiB of the host's memory (stage 50% = ")
                .contains("capped to the ceiling 'stress.memoryCeilingMb' of 64 MiB");
    }

    @Test
    void shouldCapCpuStageToTheCeiling() {
        String plan = builtin("stress.cpuCeilingPercent", "40").plan(Fixtures.stress("cpu", 95, LONG_LEASE));

        assertThat(plan).startsWith("burn 40% of the host's CPU")
                .contains("(stage 95% capped to the ceiling 'stress.cpuCeilingPercent' of 40%)");
    }

    @Test
    void shouldRefuseStageOutsideOneToHundred() {
        assertThatThrownBy(() -> builtin().plan(Fixtures.stress("memory", 0, LONG_LEASE)))
                .isInstanceOf(FaultException.class)
                .hasMessage("stage of fault 'memory' on service 'checkout' must be a percentage from 1 to 100, but was 0");
    }
}
