package io.steadfast.definitions;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Picks the standard a service is scored under (DESIGN §3 {@code appliesTo}).
 *
 * <p>An explicit {@code standard:} on the service wins; naming an unknown or abstract standard is a
 * problem. Otherwise the non-abstract standard whose {@code appliesTo} matches with the most
 * conditions wins; no {@code appliesTo} matches every service with zero conditions. Two matches of
 * equal specificity are a problem (ambiguous), never resolved silently. {@code environment}
 * conditions match the given target environment, else the service's own.
 */
public final class StandardSelector {

    private StandardSelector() {
    }

    /** Exactly one of {@code standard} and {@code problem} is non-null; {@code problem} is a sentence. */
    public record Selection(Standard standard, String problem) {

        public Selection {
            if ((standard == null) == (problem == null)) {
                throw new IllegalArgumentException("exactly one of standard and problem must be given");
            }
        }

        public boolean ok() {
            return standard != null;
        }
    }

    public static Selection select(ServiceDefinition service, String environmentOrNull, Map<String, Standard> standards) {
        Objects.requireNonNull(service, "service");
        if (service.standard() != null) {
            Standard explicit = standards.get(service.standard());
            if (explicit == null) {
                return new Selection(null, "service '" + service.id() + "' names standard '" + service.standard()
                        + "', which is not defined");
            }
            if (explicit.isAbstract()) {
                return new Selection(null, "service '" + service.id() + "' names standard '" + service.standard()
                        + "', which is abstract and exists only to be extended");
            }
            return new Selection(explicit, null);
        }
        List<Standard> matches = standards.values().stream()
                .filter(standard -> !standard.isAbstract())
                .filter(standard -> standard.appliesTo().matches(service, environmentOrNull))
                .toList();
        if (matches.isEmpty()) {
            String environment = environmentOrNull != null ? environmentOrNull : service.environment();
            return new Selection(null, "no standard matches service '" + service.id() + "' (tier " + service.tier()
                    + ", team " + service.team() + ", environment " + environment + ")");
        }
        int best = matches.stream().mapToInt(standard -> standard.appliesTo().specificity()).max().orElseThrow();
        List<Standard> winners = new ArrayList<>(matches.stream()
                .filter(standard -> standard.appliesTo().specificity() == best).toList());
        if (winners.size() == 1) {
            return new Selection(winners.get(0), null);
        }
        winners.sort(Comparator.comparing(Standard::id));
        List<String> ids = winners.stream().map(standard -> "'" + standard.id() + "'").toList();
        String names = String.join(", ", ids.subList(0, ids.size() - 1)) + " and " + ids.get(ids.size() - 1);
        return new Selection(null, "standards " + names + (winners.size() == 2 ? " both" : " all")
                + " match service '" + service.id() + "' with " + best + " condition" + (best == 1 ? "" : "s"));
    }

    /**
     * Every service whose standard cannot be selected, with the reason, sorted by service id: what
     * {@code validate} reports for every service it is given.
     */
    public static List<String> problems(Definitions definitions, String environmentOrNull) {
        return definitions.services().values().stream()
                .map(service -> select(service, environmentOrNull, definitions.standards()).problem())
                .filter(Objects::nonNull)
                .collect(Collectors.toList());
    }
}
