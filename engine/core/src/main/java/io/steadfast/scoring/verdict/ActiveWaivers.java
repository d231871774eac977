package io.steadfast.scoring.verdict;

import io.steadfast.model.Waiver;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The waivers of one service that are active at one time, by (test, target). When several cover an
 * instance, the one that lasts longest is used (ties by id), whatever the input order.
 */
public final class ActiveWaivers {

    private static final Comparator<Waiver> LONGEST_LASTING = Comparator.comparing(Waiver::expiresAt)
            .thenComparing(Waiver::id, Comparator.nullsFirst(Comparator.naturalOrder()));

    private final Map<String, Map<String, Waiver>> byTestAndTarget;

    private ActiveWaivers(Map<String, Map<String, Waiver>> byTestAndTarget) {
        this.byTestAndTarget = byTestAndTarget;
    }

    public static ActiveWaivers of(String service, Collection<Waiver> waivers, Instant now) {
        Map<String, Map<String, Waiver>> byTestAndTarget = new HashMap<>();
        for (Waiver waiver : waivers) {
            if (!Objects.equals(service, waiver.service()) || !waiver.activeAt(now)) {
                continue;
            }
            byTestAndTarget.computeIfAbsent(waiver.test(), t -> new HashMap<>())
                    .merge(waiver.target(), waiver, (a, b) -> LONGEST_LASTING.compare(a, b) >= 0 ? a : b);
        }
        return new ActiveWaivers(byTestAndTarget);
    }

    /** The active waiver for an instance, or null. */
    public Waiver find(String test, String target) {
        Map<String, Waiver> byTarget = byTestAndTarget.get(test);
        return byTarget == null ? null : byTarget.get(target);
    }
}
