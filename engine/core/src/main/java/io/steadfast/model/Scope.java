package io.steadfast.model;

/** What a test expands over. */
public enum Scope {
    /** Once per service; target {@code ""}. */
    SERVICE,
    /** Once per dependency matching the test's {@code where}; target = dependency id. */
    DEPENDENCY,
    /** Once per distinct zone among the service's instances; target = zone id. */
    ZONE
}
