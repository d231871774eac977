package io.steadfast.connectors.health.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void compactUsesTheLargestExactUnit() {
        assertThat(Durations.compact(Duration.ofDays(30))).isEqualTo("30d");
        assertThat(Durations.compact(Duration.ofHours(36))).isEqualTo("36h");
        assertThat(Durations.compact(Duration.ofSeconds(90))).isEqualTo("90s");
        assertThat(Durations.compact(Duration.ofMillis(1500))).isEqualTo("1500ms");
    }

    @Test
    void wordsUseWholeDaysThenHoursThenMinutes() {
        assertThat(Durations.words(Duration.ofDays(95).plusHours(23))).isEqualTo("95 days");
        assertThat(Durations.words(Duration.ofDays(1))).isEqualTo("1 day");
        assertThat(Durations.words(Duration.ofHours(23).plusMinutes(59))).isEqualTo("23 hours");
        assertThat(Durations.words(Duration.ofMinutes(-5))).isEqualTo("5 minutes");
    }
}
