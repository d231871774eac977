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
        String head = countedOrNull.status() + " " + Notation.age(age) + " old: ";
        if (age.compareTo(freshness.expiresAfter()) > 0) {
            return new InstanceValue(values.expired(), false, age, expiresAt, head + "expired");
        }
        if (age.compareTo(freshness.fullCreditFor()) <= 0) {
            return new InstanceValue(base, true, age, expiresAt, head + "full credit" + baseNote(countedOrNull, base));
        }
        if (freshness.decay() == Standard.Decay.NONE) {
            return new InstanceValue(base, true, age, expiresAt, head + "no decay" + baseNote(countedOrNull, base));
        }
        double elapsed = seconds(age.minus(freshness.fullCreditFor()));
        double window = seconds(freshness.expiresAfter().minus(freshness.fullCreditFor()));
        double value = base + (values.expired() - base) * (elapsed / window);
        return new InstanceValue(value, true, age, expiresAt,
                head + "decayed linearly from " + Notation.number(base) + " to " + Notation.number(value));
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
                Double ratio = result.measurements().probeRatio();
                if (standard.partialCredit() == Standard.PartialCredit.PROBES && ratio != null) {
                    return values.failed() + ratio * (values.passed() - values.failed());
                }
                return values.failed();
            default:
                throw new IllegalArgumentException("status of counted result '" + result.resultId()
                        + "' must be PASSED, DEGRADED, FAILED or HALTED, but was " + status);
        }
    }

    private static String baseNote(ResultEvent result, double base) {
        if (result.status() == ResultStatus.FAILED || result.status() == ResultStatus.HALTED) {
            Integer passed = result.measurements().probesPassed();
            Integer total = result.measurements().probesTotal();
            if (passed != null && total != null) {
                return " (" + Notation.number(base) + ", probes " + passed + "/" + total + ")";
            }
        }
        return " (" + Notation.number(base) + ")";
    }

    private static double seconds(Duration duration) {
        return duration.getSeconds() + duration.getNano() / 1e9;
    }
}
