package io.steadfast.scoring.rollup;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A team's or the organisation's score.
 *
 * @param scope                {@code team:<id>} or {@code org}
 * @param score                tier-weighted mean of the scored services' unrounded scores, rounded once
 *                             half-up to one decimal; null when no service was scored
 * @param band                 the band of {@code score}; null when no service was scored
 * @param services             every service in scope, NO_DATA ones included
 * @param scored               the services with a score (not NO_DATA)
 * @param meetingStandardShare share of all services in scope whose verdict is PASS or WARN, in [0,1]
 * @param bands                scored services per band (every band present, 0 when none)
 * @param members              the services, sorted by id
 */
public record Rollup(String scope, BigDecimal score, Band band, int services, int scored,
                     double meetingStandardShare, Map<Band, Integer> bands, List<ServiceScore> members) {

    public Rollup {
        Map<Band, Integer> ordered = new EnumMap<>(Band.class);
        ordered.putAll(bands);
        bands = Collections.unmodifiableMap(ordered);
        members = List.copyOf(members);
    }
}
