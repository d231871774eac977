package io.steadfast.scoring.value;

import io.steadfast.model.Standard;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.time.Duration;
import java.time.Instant;

/**
 * Step 3 of the score (DESIGN §4.3): what a counted result is worth now. Stateless and thread-safe.
 */
public final class InstanceValuer {

    private InstanceValuer() {
    }

    /** The value of an instance whose counted result is {@code countedOrNull}, at {@code now}. */
    public static InstanceValue value(ResultEvent countedOrNull, Standard standard, Instant now) {
        Standard.Values values = standard.values();
        if (countedOrNull == null) {
            return new InstanceValue(values.notRun(), false, null, null, "not run");
        }
        Standard.Freshness freshness = standard.freshness();
        Duration age = Duration.between(countedOrNull.finishedAt(), now);
        Instant expiresAt = countedOrNull.finishedAt().plus(freshness.expiresAfter());
        double base = base(countedOrNull, standard);
        StringBuilder note = new StringBuilder(64).append(countedOrNull.status().name()).append(' ');
        Notation.appendAge(note, age).append(" old: ");
        if (age.compareTo(freshness.expiresAfter()) > 0) {
            return new InstanceValue(values.expired(), false, age, expiresAt, note.append("expired").toString());
        }
        if (age.compareTo(freshness.fullCreditFor()) <= 0) {
            note.append("full credit");
            return new InstanceValue(base, true, age, expiresAt, appendBase(note, countedOrNull, base).toString());
        }
        if (freshness.decay() == Standard.Decay.NONE) {
            note.append("no decay");
            return new InstanceValue(base, true, age, expiresAt, appendBase(note, countedOrNull, base).toString());
        }
        double elapsed = seconds(age.minus(freshness.fullCreditFor()));
        double window = seconds(freshness.expiresAfter().minus(freshness.fullCreditFor()));
        double value = base + (values.expired() - base) * (elapsed / window);
        note.append("decayed linearly from ");
        Notation.appendNumber(note, base).append(" to ");
        return new InstanceValue(value, true, age, expiresAt, Notation.appendNumber(note, value).toString());
    }

    /** What a PASSED result finished now would be worth. */
    public static double passedToday(Standard standard) {
        return standard.values().passed();
    }

    private static double base(ResultEvent result, Standard standard) {
        Standard.Values values = standard.values();
        ResultStatus status = result.status();
        switch (status) {
            case PASSED:
                return values.passed();
            case DEGRADED:
                return values.degraded();
            case FAILED:
            case HALTED:
                Double ratio = standard.partialCredit() == Standard.PartialCredit.PROBES
                        ? result.measurements().probeRatio() : null;
                return ratio == null ? values.failed() : values.failed() + ratio * (values.passed() - values.failed());
            default:
                throw new IllegalArgumentException("status of counted result '" + result.resultId()
                        + "' must be PASSED, DEGRADED, FAILED or HALTED, but was " + status);
        }
    }

    private static StringBuilder appendBase(StringBuilder note, ResultEvent result, double base) {
        Notation.appendNumber(note.append(" ("), base);
        if (result.status() == ResultStatus.FAILED || result.status() == ResultStatus.HALTED) {
            Integer passed = result.measurements().probesPassed();
            Integer total = result.measurements().probesTotal();
            if (passed != null && total != null) {
                note.append(", probes ").append(passed.intValue()).append('/').append(total.intValue());
            }
        }
        return note.append(')');
    }

    private static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
