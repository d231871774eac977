package io.steadfast.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A registered service: what is scored.
 *
 * @param standard optional explicit standard id; wins over {@code appliesTo} selection (null when absent)
 */
public record ServiceDefinition(
        String id,
        String name,
        String team,
        String tier,
        String environment,
        Map<String, String> tags,
        String standard,
        List<HealthCheckSpec> healthChecks,
        List<Instance> instances,
        List<Dependency> dependencies) {

    public ServiceDefinition {
        Objects.requireNonNull(id, "id");
        name = name == null ? id : name;
        tags = tags == null ? Map.of() : Map.copyOf(tags);
        healthChecks = healthChecks == null ? List.of() : List.copyOf(healthChecks);
        instances = instances == null ? List.of() : List.copyOf(instances);
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
    }

    /** The distinct zones of the service's instances, sorted. */
    public List<String> zones() {
        return instances.stream().map(Instance::zone).filter(Objects::nonNull).distinct().sorted().toList();
    }
}
