package io.steadfast.scoring.value;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotationTest {

    @Test
    void shouldWriteNumbersWithAtMostTwoDecimals() {
        assertThat(Notation.number(80)).isEqualTo("80");
        assertThat(Notation.number(82.608695)).isEqualTo("82.61");
        assertThat(Notation.number(0.5)).isEqualTo("0.5");
        assertThat(Notation.number(0.05)).isEqualTo("0.05");
        assertThat(Notation.number(99.999)).isEqualTo("100");
        assertThat(Notation.number(-2.5)).isEqualTo("-2.5");
    }

    @Test
    void shouldWriteAgeInItsLargestWholeUnit() {
        assertThat(Notation.age(Duration.ofHours(80))).isEqualTo("3d");
        assertThat(Notation.age(Duration.ofMinutes(150))).isEqualTo("2h");
        assertThat(Notation.age(Duration.ofSeconds(59))).isEqualTo("59s");
    }
}
