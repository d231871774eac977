package io.steadfast.connectors.process.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcTest {

    @Test
    void shouldReadStateStartTimeAndCpuPastACommandNameWithSpacesAndParentheses() {
        String line = "4242 (my (odd) cmd) T 1 4242 4242 0 -1 4194560 100 0 0 0 17 5 0 0 20 0 1 0 987654 "
                + "8192 100 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0";

        Proc.Stat stat = Proc.parseStat(4242, line);

        assertThat(stat.state()).isEqualTo('T');
        assertThat(stat.startTime()).isEqualTo(987654);
        assertThat(stat.cpuTicks()).isEqualTo(22);
    }

    @Test
    void shouldReadThisProcessAsRunningWithAStartTime() {
        Proc.Stat stat = Proc.stat(ProcessHandle.current().pid()).orElseThrow();

        assertThat(stat.alive()).isTrue();
        assertThat(stat.startTime()).isPositive();
    }
}
