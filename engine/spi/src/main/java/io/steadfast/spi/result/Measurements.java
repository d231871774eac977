package io.steadfast.spi.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a test measured. Every field is optional (null when not measured).
 *
 * @param timeToDetectMs  fault start to the first unhealthy observation
 * @param timeToRecoverMs fault end to healthy again
 * @param probesPassed    health probes that passed during the test
 * @param probesTotal     health probes taken during the test
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record Measurements(Long timeToDetectMs, Long timeToRecoverMs, Integer probesPassed, Integer probesTotal) {

    public static final Measurements NONE = new Measurements(null, null, null, null);

    /** The probe pass ratio in [0,1], or null when probes were not counted. */
    public Double probeRatio() {
        if (probesPassed == null || probesTotal == null || probesTotal <= 0) {
            return null;
        }
        return Math.max(0.0, Math.min(1.0, probesPassed / (double) probesTotal));
    }
}
