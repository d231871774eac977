package io.steadfast.connectors.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecIntegrationTest {

    @TempDir
    Path dir;

    private static FaultInjector injector(Map<String, String> config) {
        return new ExecInjectorProvider().create(config);
    }

    @Test
    void shouldRunInjectCommandWithItsEnvironmentAndRevertCommandToUndoIt() {
        Path marker = dir.resolve("fault");
        ActiveFault fault = injector(Map.of()).inject(Fixtures.exec(
                "echo \"$STEADFAST_SERVICE/$STEADFAST_TARGET/$STEADFAST_STAGE\" > '" + marker + "'",
                "rm '" + marker + "'"));

        assertThat(marker).hasContent("checkout/inventory/50");
        fault.revert();
        assertThat(marker).doesNotExist();
        fault.revert();
    }

    @Test
    void shouldRevertFromJournalWithFreshInjectorAndTheSameEnvironment() {
        Path marker = dir.resolve("fault");
        Path reverted = dir.resolve("reverted");
        Map<String, String> journal = Map.copyOf(injector(Map.of()).inject(Fixtures.exec(
                "touch '" + marker + "'",
                "rm '" + marker + "' && echo \"$STEADFAST_SERVICE/$STEADFAST_TARGET\" > '" + reverted + "'")).journal());
        assertThat(marker).exists();

        injector(Map.of()).revert(journal);

        assertThat(marker).doesNotExist();
        assertThat(reverted).hasContent("checkout/inventory");
    }

    @Test
    void shouldFailWithExitCodeAndStderrAndRunRevertWhenInjectFails() {
        Path reverted = dir.resolve("reverted");

        assertThatThrownBy(() -> injector(Map.of()).inject(Fixtures.exec(
                "echo 'iptables: permission denied' >&2; exit 4", "touch '" + reverted + "'")))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("must exit 0, but exited 4")
                .hasMessageContaining("iptables: permission denied");
        assertThat(reverted).exists();
    }

    @Test
    void shouldFailWhenRevertCommandFails() {
        ActiveFault fault = injector(Map.of()).inject(Fixtures.exec("true", "echo 'still broken' >&2; exit 1"));

        assertThatThrownBy(fault::revert)
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("revert command")
                .hasMessageContaining("exited 1; stderr: still broken");
    }

    @Test
    void shouldKillCommandThatOutlivesTheTimeout() {
        FaultInjector injector = injector(Map.of("process.commandTimeoutSeconds", "1"));
        long start = System.nanoTime();

        assertThatThrownBy(() -> injector.inject(Fixtures.exec("sleep 30", "true")))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("must end within 1s");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void shouldRefuseExecFaultWithoutRevertCommand() {
        assertThatThrownBy(() -> injector(Map.of()).plan(Fixtures.exec("true", " ")))
                .isInstanceOf(FaultException.class)
                .hasMessageContaining("must have inject and revert commands");
    }
}
