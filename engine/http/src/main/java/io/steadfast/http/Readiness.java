package io.steadfast.http;

import java.util.Map;
import java.util.Objects;

/**
 * Whether the engine can do its work now: each dependency (store, broker) and the fold, with how it
 * stands. {@code /ready} answers 503 when any is {@link State#DOWN}, 200 otherwise; a check that is
 * not up says why, without service data. Implementations must return within a few seconds.
 */
@FunctionalInterface
public interface Readiness {

    /** How one check stands. */
    enum State { UP, DEGRADED, DOWN }

    /** One check's state, and why when it is not {@link State#UP} (else null). */
    record Check(State state, String reason) {

        public Check {
            Objects.requireNonNull(state, "state");
        }

        public static Check of(boolean up) {
            return new Check(up ? State.UP : State.DOWN, null);
        }
    }

    /** Check name to how it stands, in the order to show them. */
    Map<String, Check> check();
}
