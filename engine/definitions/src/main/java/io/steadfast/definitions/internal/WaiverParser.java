package io.steadfast.definitions.internal;

import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.model.Waiver;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** Reads and checks a {@code kind: Waiver} document. */
public final class WaiverParser {

    private static final List<String> WAIVER_KEYS =
            List.of("apiVersion", "kind", "service", "test", "target", "reason", "approvedBy", "expiresAt");

    private WaiverParser() {
    }

    /** The waiver (without an id: the store assigns one), or null when anything about it is wrong. */
    public static Waiver parse(MapNode root, Problems problems) {
        int before = problems.count();
        Fields waiver = Fields.of(root, "", problems, WAIVER_KEYS);
        String service = waiver.slug("service", true);
        String test = waiver.slug("test", true);
        String target = waiver.string("target", false);
        String reason = nonBlank(waiver, "reason");
        String approvedBy = nonBlank(waiver, "approvedBy");
        String expiresAtText = waiver.string("expiresAt", true);
        Instant expiresAt = null;
        if (expiresAtText != null) {
            try {
                expiresAt = Instant.parse(expiresAtText);
            } catch (DateTimeParseException e) {
                waiver.report("expiresAt", "must be an ISO-8601 instant such as 2026-12-31T00:00:00Z");
            }
        }
        if (problems.count() != before) {
            return null;
        }
        return new Waiver(null, service, test, target, reason, approvedBy, expiresAt);
    }

    private static String nonBlank(Fields waiver, String key) {
        String text = waiver.string(key, true);
        if (text != null && text.isBlank()) {
            waiver.report(key, "must not be blank");
            return null;
        }
        return text;
    }
}
