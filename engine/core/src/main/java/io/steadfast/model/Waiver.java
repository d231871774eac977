package io.steadfast.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A time-boxed, approved exception for one test instance: it lifts that instance's must-pass veto
 * until {@code expiresAt}, and nothing else.
 *
 * @param id     assigned by the store; null before it is stored
 * @param target dependency or zone id, or {@code ""} for service-scope tests
 */
public record Waiver(String id, String service, String test, String target, String reason, String approvedBy,
                     Instant expiresAt) {

    public Waiver {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(expiresAt, "expiresAt");
        target = target == null ? "" : target;
    }

    public boolean activeAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    public boolean covers(String testId, String targetId) {
        return test.equals(testId) && target.equals(targetId);
    }
}
