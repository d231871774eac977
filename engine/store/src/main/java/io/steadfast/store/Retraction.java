package io.steadfast.store;

import java.time.Instant;
import java.util.Objects;

/**
 * The record that a result was retracted: it no longer counts, but it is kept and still shown.
 *
 * @param at stored with microsecond precision
 */
public record Retraction(String resultId, String reason, String by, Instant at) {

    public Retraction {
        Objects.requireNonNull(resultId, "resultId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
    }
}
