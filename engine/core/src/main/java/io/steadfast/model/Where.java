package io.steadfast.model;

import java.util.List;

/**
 * Which dependencies a dependency-scope test expands over. Null fields match everything.
 *
 * @param tls          only dependencies whose {@code tls} equals this
 * @param dependencies only dependencies with these ids
 */
public record Where(Boolean tls, List<String> dependencies) {

    public static final Where ANY = new Where(null, null);

    public Where {
        dependencies = dependencies == null ? null : List.copyOf(dependencies);
    }

    public boolean matches(Dependency dependency) {
        return (tls == null || tls == dependency.tls())
                && (dependencies == null || dependencies.contains(dependency.id()));
    }
}
