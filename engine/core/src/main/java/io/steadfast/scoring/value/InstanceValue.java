package io.steadfast.scoring.value;

import java.time.Duration;
import java.time.Instant;

/**
 * An instance's value v after freshness (DESIGN §4.3).
 *
 * @param value     v in [0,100]
 * @param fresh     there is a counted result no older than expiresAfter
 * @param age       now - the counted result's finishedAt, or null when none
 * @param expiresAt when the counted result stops being fresh, or null when none
 * @param note      how the value was reached, in words
 */
public record InstanceValue(double value, boolean fresh, Duration age, Instant expiresAt, String note) {
}
