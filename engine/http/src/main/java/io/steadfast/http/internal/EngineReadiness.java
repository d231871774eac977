package io.steadfast.http.internal;

import io.steadfast.app.FoldHealth;
import io.steadfast.http.Readiness;
import io.steadfast.store.Store;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code /ready}'s checks: the store answers, the broker is reachable, and the fold makes stored
 * results count. The fold is down while folds keep failing ({@link FoldHealth#failing}: no score is
 * recorded), and degraded while blocks are set aside (the other services' scores are recorded): down
 * then would take every engine on the store out of service over one bad block, which is just what a
 * poisoned result must not achieve. Counts only, never service data.
 */
public final class EngineReadiness implements Readiness {

    private final Store store;
    private final BrokerProbe broker;
    private final FoldHealth fold;

    public EngineReadiness(Store store, BrokerProbe broker, FoldHealth fold) {
        this.store = store;
        this.broker = broker;
        this.fold = fold;
    }

    @Override
    public Map<String, Check> check() {
        Map<String, Check> checks = new LinkedHashMap<>();
        long setAside;
        try {
            setAside = store.setAsideCount();
        } catch (RuntimeException e) {
            setAside = -1; // said by the store's own check
        }
        checks.put("store", Check.of(setAside >= 0));
        checks.put("broker", Check.of(broker.reachable()));
        checks.put("fold", fold(setAside));
        return checks;
    }

    private Check fold(long setAside) {
        if (fold.failing()) {
            return new Check(State.DOWN, "the last " + fold.failuresInARow() + " folds failed, so stored results"
                    + " do not count and scores are not recorded; the server's log has the details");
        }
        if (setAside > 0) {
            return new Check(State.DEGRADED, setAside + " block(s) of results are set aside and do not count;"
                    + " GET /api/v1/fold/quarantine lists them");
        }
        return Check.of(true);
    }
}
