package io.steadfast.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scoring rule: the organisation's bar for a class of services, with {@code extends} already
 * resolved (every field holds its effective value).
 *
 * @param extendsId the standard it was derived from, or null
 * @param isAbstract an abstract standard exists to be extended and is never selected for a service
 */
public record Standard(
        String id,
        String extendsId,
        boolean isAbstract,
        AppliesTo appliesTo,
        List<String> suites,
        Map<String, Double> categoryWeights,
        Map<String, Double> testWeights,
        List<String> requiredCategories,
        List<String> mustPass,
        Values values,
        PartialCredit partialCredit,
        Freshness freshness,
        Thresholds thresholds,
        double minCoverage,
        GatePolicy gate) {

    public Standard {
        Objects.requireNonNull(id, "id");
        appliesTo = appliesTo == null ? AppliesTo.ANY : appliesTo;
        suites = List.copyOf(suites);
        categoryWeights = Map.copyOf(categoryWeights);
        testWeights = Map.copyOf(testWeights);
        requiredCategories = List.copyOf(requiredCategories);
        mustPass = List.copyOf(mustPass);
        Objects.requireNonNull(values, "values");
        Objects.requireNonNull(partialCredit, "partialCredit");
        Objects.requireNonNull(freshness, "freshness");
        Objects.requireNonNull(thresholds, "thresholds");
        Objects.requireNonNull(gate, "gate");
    }

    /** The weight of a category; default 1. */
    public double categoryWeight(String category) {
        return categoryWeights.getOrDefault(category, 1.0);
    }

    /** The weight of a test within its category; default 1. */
    public double testWeight(String test) {
        return testWeights.getOrDefault(test, 1.0);
    }

    /**
     * Which services a standard applies to. Every condition given must match; null conditions are
     * not given. {@code environment} is matched against the gate's target environment, else the
     * service's.
     */
    public record AppliesTo(List<String> tier, List<String> team, List<String> environment, Map<String, String> tags) {

        public static final AppliesTo ANY = new AppliesTo(null, null, null, null);

        public AppliesTo {
            tier = tier == null ? null : List.copyOf(tier);
            team = team == null ? null : List.copyOf(team);
            environment = environment == null ? null : List.copyOf(environment);
            tags = tags == null ? null : Map.copyOf(tags);
        }

        /** The number of conditions given: the more, the more specific. */
        public int specificity() {
            return (tier == null ? 0 : 1) + (team == null ? 0 : 1) + (environment == null ? 0 : 1)
                    + (tags == null ? 0 : tags.size());
        }

        public boolean matches(ServiceDefinition service, String environmentOrNull) {
            String env = environmentOrNull != null ? environmentOrNull : service.environment();
            return (tier == null || tier.contains(service.tier()))
                    && (team == null || team.contains(service.team()))
                    && (environment == null || environment.contains(env))
                    && (tags == null || tags.entrySet().stream()
                            .allMatch(e -> e.getValue().equals(service.tags().get(e.getKey()))));
        }
    }

    /** What a test instance is worth, 0..100, by status; {@code passed} is the highest. */
    public record Values(double passed, double degraded, double failed, double notRun, double expired) {
    }

    public enum PartialCredit {
        NONE,
        /** FAILED and HALTED earn failed + probe pass ratio x (passed - failed). */
        PROBES
    }

    public enum Decay {
        NONE,
        LINEAR
    }

    /** How fast results go stale. */
    public record Freshness(Duration fullCreditFor, Duration expiresAfter, Decay decay) {
    }

    /** The gate's pass and warn thresholds; warn <= pass. */
    public record Thresholds(double pass, double warn) {
    }

    public enum OnNoData {
        FAIL,
        WARN,
        PASS
    }

    public enum Evidence {
        ANY_VERSION,
        SAME_VERSION
    }

    /**
     * @param environments results from these environments count; empty = all
     * @param sources      results from these sources count; empty = all
     */
    public record GatePolicy(OnNoData onNoData, Evidence evidence, List<String> environments, List<String> sources) {

        public GatePolicy {
            Objects.requireNonNull(onNoData, "onNoData");
            Objects.requireNonNull(evidence, "evidence");
            environments = List.copyOf(environments);
            sources = List.copyOf(sources);
        }
    }
}
