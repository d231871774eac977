package io.steadfast.spi.event;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Objects;

/**
 * A service's score changed (its rounded score or its verdict): what the engine publishes to the
 * compacted {@code steadfast.scores} topic, keyed by service id, at the moments it records a history
 * snapshot (results ingested or retracted, waivers added or revoked).
 *
 * @param schemaVersion {@link #SCHEMA_VERSION}
 * @param service       the service id
 * @param at            when the score was computed
 * @param standard      the standard it was scored against; null when none matched
 * @param score         0–100, one decimal; null under {@code NO_DATA}
 * @param verdict       {@code PASS}, {@code WARN}, {@code FAIL} or {@code NO_DATA}
 * @param coverage      the weighted share of fresh test instances, in [0, 1]
 */
public record ScoreEvent(int schemaVersion, String service, Instant at, String standard, BigDecimal score,
                         String verdict, double coverage) {

    public static final int SCHEMA_VERSION = 1;

    public ScoreEvent {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(verdict, "verdict");
        if (coverage < 0 || coverage > 1) {
            throw new IllegalArgumentException("coverage of service '" + service + "' must be in [0, 1], but was "
                    + coverage);
        }
    }
}
