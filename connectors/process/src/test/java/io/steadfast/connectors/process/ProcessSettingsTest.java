package io.steadfast.connectors.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.connectors.process.config.ProcessSettings;
import io.steadfast.connectors.process.config.ProcessSettings.StressEngine;
import io.steadfast.connectors.process.internal.Proc;
import io.steadfast.spi.errors.SteadfastException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProcessSettingsTest {

    @Test
    void shouldDefaultToSixtySecondsNinetyPercentAndHalfTheHostsMemory() {
        ProcessSettings settings = ProcessSettings.from(Map.of("bootstrap.servers", "ignored:9092"));

        assertThat(settings.commandTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(settings.stressEngine()).isEqualTo(StressEngine.AUTO);
        assertThat(settings.cpuCeilingPercent()).isEqualTo(90);
        assertThat(settings.memoryCeilingBytes()).isEqualTo(Proc.memTotalBytes() / 2 / (1024 * 1024) * 1024 * 1024);
    }

    @Test
    void shouldReportEveryInvalidSettingAtOnce() {
        assertThatThrownBy(() -> ProcessSettings.from(Map.of(
                "stress.engine", "turbo", "stress.cpuCeilingPercent", "150", "stress.memoryCeilingMb", "lots")))
                .isInstanceOf(SteadfastException.class)
                .hasMessageContaining("setting 'stress.engine' must be one of auto, stress-ng, builtin, but was 'turbo'")
                .hasMessageContaining("setting 'stress.cpuCeilingPercent' must be a whole number from 1 to 100, "
                        + "but was '150'")
                .hasMessageContaining("setting 'stress.memoryCeilingMb' must be a whole number");
    }
}
