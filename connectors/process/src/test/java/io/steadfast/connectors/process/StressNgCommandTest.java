package io.steadfast.connectors.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StressNgCommandTest {

    private static final Path STRESS_NG = Path.of("/usr/bin/stress-ng");

    @Test
    void shouldBurnEveryCoreAtTheStagesLoadUntilTheLeaseRunsOut() {
        StressInjector.Plan plan = new StressInjector.Plan("cpu", 75, 4, STRESS_NG, "burn");

        assertThat(StressInjector.stressNgCommand(plan, Duration.ofMillis(30_500))).containsExactly(
                "/usr/bin/stress-ng", "--cpu", "4", "--cpu-load", "75", "--timeout", "31s", "--quiet");
    }

    @Test
    void shouldHoldTheBytesWithoutChurningThemUntilTheLeaseRunsOut() {
        StressInjector.Plan plan = new StressInjector.Plan("memory", 64L * 1024 * 1024, 1, STRESS_NG, "hold");

        assertThat(StressInjector.stressNgCommand(plan, Duration.ofMinutes(2))).containsExactly(
                "/usr/bin/stress-ng", "--vm", "1", "--vm-bytes", "67108864b", "--vm-keep", "--vm-hang", "0",
                "--timeout", "120s", "--quiet");
    }
}
