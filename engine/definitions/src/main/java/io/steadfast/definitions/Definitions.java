package io.steadfast.definitions;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Waiver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Resolved definitions ({@code extends} applied, defaults filled), keyed by id and sorted by id.
 * Abstract standards are included; {@link StandardSelector} never selects them.
 */
public record Definitions(Map<String, TestSuite> suites, Map<String, Standard> standards,
                          Map<String, ServiceDefinition> services, List<Waiver> waivers) {

    public static final Definitions EMPTY = new Definitions(Map.of(), Map.of(), Map.of(), List.of());

    public Definitions {
        suites = Collections.unmodifiableMap(new TreeMap<>(suites));
        standards = Collections.unmodifiableMap(new TreeMap<>(standards));
        services = Collections.unmodifiableMap(new TreeMap<>(services));
        waivers = List.copyOf(waivers);
    }

    /**
     * These definitions with {@code other}'s added; where both hold the same id, {@code other}'s wins
     * (e.g. a service registered again). Waivers are concatenated.
     */
    public Definitions merge(Definitions other) {
        Map<String, TestSuite> mergedSuites = new TreeMap<>(suites);
        mergedSuites.putAll(other.suites);
        Map<String, Standard> mergedStandards = new TreeMap<>(standards);
        mergedStandards.putAll(other.standards);
        Map<String, ServiceDefinition> mergedServices = new TreeMap<>(services);
        mergedServices.putAll(other.services);
        List<Waiver> mergedWaivers = new ArrayList<>(waivers);
        mergedWaivers.addAll(other.waivers);
        return new Definitions(mergedSuites, mergedStandards, mergedServices, mergedWaivers);
    }
}
