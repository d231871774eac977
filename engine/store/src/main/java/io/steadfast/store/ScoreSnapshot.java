package io.steadfast.store;

import io.steadfast.scoring.Verdict;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * One point of a service's score history.
 *
 * @param at       when the score was computed; stored with microsecond precision
 * @param standard the standard scored against; null when none matched
 * @param score    rounded half-up to one decimal; null under NO_DATA
 * @param coverage in [0,1], unrounded
 */
public record ScoreSnapshot(String service, Instant at, String standard, BigDecimal score, Verdict verdict,
                            double coverage) {

    public ScoreSnapshot {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(verdict, "verdict");
        score = score == null ? null : score.setScale(1, RoundingMode.HALF_UP);
    }

    /** Whether this snapshot says something different from {@code previous}: another rounded score or verdict. */
    public boolean differsFrom(ScoreSnapshot previous) {
        if (previous == null || verdict != previous.verdict) {
            return true;
        }
        if (score == null || previous.score == null) {
            return score != previous.score;
        }
        return score.compareTo(previous.score) != 0;
    }
}
