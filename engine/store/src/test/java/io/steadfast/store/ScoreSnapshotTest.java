package io.steadfast.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.scoring.Verdict;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScoreSnapshotTest {

    private static ScoreSnapshot of(String score, Verdict verdict) {
        return new ScoreSnapshot("s", Instant.EPOCH, "d", score == null ? null : new BigDecimal(score), verdict, 1);
    }

    @Test
    void shouldRoundScoreHalfUpToOneDecimal() {
        assertThat(of("82.05", Verdict.PASS).score()).isEqualTo(new BigDecimal("82.1"));
        assertThat(of("82", Verdict.PASS).score()).isEqualTo(new BigDecimal("82.0"));
    }

    @Test
    void shouldDifferOnlyOnRoundedScoreOrVerdict() {
        assertThat(of("82.01", Verdict.PASS).differsFrom(of("82.04", Verdict.PASS))).isFalse();
        assertThat(of("82.1", Verdict.PASS).differsFrom(of("82.0", Verdict.PASS))).isTrue();
        assertThat(of("82.0", Verdict.WARN).differsFrom(of("82.0", Verdict.PASS))).isTrue();
        assertThat(of(null, Verdict.NO_DATA).differsFrom(of(null, Verdict.NO_DATA))).isFalse();
        assertThat(of("0", Verdict.FAIL).differsFrom(of(null, Verdict.FAIL))).isTrue();
        assertThat(of("0", Verdict.FAIL).differsFrom(null)).isTrue();
    }
}
