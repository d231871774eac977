package io.steadfast.scoring.rollup;

import io.steadfast.scoring.aggregate.Aggregator;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Team and organisation rollups (DESIGN §4, last paragraph): the tier-weighted mean of services'
 * unrounded scores, rounded once, with bands and the share of services meeting their standard.
 *
 * <p>Immutable and thread-safe.
 */
public final class Rollups {

    /** tier-1: 4, tier-2: 3, tier-3: 2, tier-4: 1. */
    public static final Map<String, Double> DEFAULT_TIER_WEIGHTS =
            Map.of("tier-1", 4.0, "tier-2", 3.0, "tier-3", 2.0, "tier-4", 1.0);

    private final Map<String, Double> tierWeights;

    private Rollups(Map<String, Double> tierWeights) {
        tierWeights.forEach((tier, weight) -> {
            if (weight == null || !(weight > 0) || weight.isInfinite()) {
                throw new IllegalArgumentException("rollup weight of tier '" + tier + "' must be > 0, but was " + weight);
            }
        });
        this.tierWeights = Map.copyOf(tierWeights);
    }

    public static Rollups ofDefaults() {
        return new Rollups(DEFAULT_TIER_WEIGHTS);
    }

    /** @param tierWeights tier id to weight (> 0); a service of a tier not listed is an error */
    public static Rollups withTierWeights(Map<String, Double> tierWeights) {
        return new Rollups(tierWeights);
    }

    /** The rollup of the team {@code team}, over those of {@code services} that belong to it. */
    public Rollup team(String team, Collection<ServiceScore> services) {
        List<ServiceScore> members = new ArrayList<>();
        for (ServiceScore service : services) {
            if (team.equals(service.team())) {
                members.add(service);
            }
        }
        return rollup("team:" + team, members);
    }

    /** One rollup per team present in {@code services}, by team id. */
    public Map<String, Rollup> teams(Collection<ServiceScore> services) {
        Map<String, List<ServiceScore>> byTeam = new TreeMap<>();
        for (ServiceScore service : services) {
            byTeam.computeIfAbsent(String.valueOf(service.team()), t -> new ArrayList<>()).add(service);
        }
        Map<String, Rollup> rollups = new TreeMap<>();
        byTeam.forEach((team, members) -> rollups.put(team, rollup("team:" + team, members)));
        return rollups;
    }

    /** The organisation's rollup over all {@code services}. */
    public Rollup organisation(Collection<ServiceScore> services) {
        return rollup("org", services);
    }

    /** The weight of a tier. */
    public double weightOf(ServiceScore service) {
        Double weight = tierWeights.get(service.tier());
        if (weight == null) {
            throw new IllegalArgumentException("tier of service '" + service.service() + "' must be one of "
                    + new TreeMap<>(tierWeights).keySet() + " to be rolled up, but was " + service.tier());
        }
        return weight;
    }

    private Rollup rollup(String scope, Collection<ServiceScore> services) {
        List<ServiceScore> members = new ArrayList<>(services);
        members.sort(Comparator.comparing(ServiceScore::service));
        double weighted = 0;
        double weights = 0;
        int scored = 0;
        int meeting = 0;
        Map<Band, Integer> bands = new EnumMap<>(Band.class);
        for (Band band : Band.values()) {
            bands.put(band, 0);
        }
        for (ServiceScore service : members) {
            if (service.meetsStandard()) {
                meeting++;
            }
            if (!service.scored()) {
                continue;
            }
            double weight = weightOf(service);
            weighted += weight * service.unroundedScore();
            weights += weight;
            scored++;
            Band band = service.band() != null ? service.band() : Band.of(Aggregator.round(service.unroundedScore()));
            bands.merge(band, 1, Integer::sum);
        }
        BigDecimal score = scored == 0 ? null : Aggregator.round(weighted / weights);
        double share = members.isEmpty() ? 0 : meeting / (double) members.size();
        return new Rollup(scope, score, Band.of(score), members.size(), scored, share, bands, members);
    }
}
