package io.steadfast.http;

import java.util.Map;

/**
 * Whether the engine can do its work now: each dependency (store, broker) and whether it answered.
 * {@code /ready} answers 503 unless all are up. Implementations must return within a few seconds.
 */
@FunctionalInterface
public interface Readiness {

    /** Dependency name to whether it is reachable. */
    Map<String, Boolean> check();
}
