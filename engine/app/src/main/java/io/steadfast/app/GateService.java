package io.steadfast.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.steadfast.definitions.ContentHash;
import io.steadfast.gate.GateDecision;
import io.steadfast.gate.GateEvaluator;
import io.steadfast.gate.GateUsageException;
import io.steadfast.json.Json;
import io.steadfast.model.Standard;
import io.steadfast.scoring.Verdict;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.event.GateEvent;
import io.steadfast.store.HistoryStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Release gates: decides a gate on a score (with the content hashes of the definitions it used),
 * and records each decision for audit and announces it. Thread-safe.
 */
@Singleton
public final class GateService {

    private final HistoryStore store;
    private final GateEvaluator gates;
    private final ScoreEventSink events;
    /**
     * Content hashes by the very definition object (weak keys compare by identity): a definition is
     * immutable, so its hash is computed once per load, not per gate decision.
     */
    private final Cache<Object, String> hashes = Caffeine.newBuilder().weakKeys().build();

    @Inject
    public GateService(HistoryStore store, GateEvaluator gates, ScoreEventSink events) {
        this.store = store;
        this.gates = gates;
        this.events = events;
    }

    /**
     * Decides the gate on an evaluation and records the decision for audit.
     *
     * @param failOn         {@link Verdict#FAIL} (default) or {@link Verdict#WARN}
     * @param globalOnNoData the outcome when no standard matched
     */
    public GateDecision gate(Engine.Evaluation evaluation, Engine.ScoreQuery query, Verdict failOn,
                             Standard.OnNoData globalOnNoData) {
        GateDecision decision = decide(evaluation, query, failOn, globalOnNoData);
        store.recordGateDecision(decision);
        events.gateRecorded(new GateEvent(decision.service(), json(decision)));
        return decision;
    }

    /** Decides the gate on an evaluation, as {@link #gate}, without recording or announcing it. */
    public GateDecision decide(Engine.Evaluation evaluation, Engine.ScoreQuery query, Verdict failOn,
                               Standard.OnNoData globalOnNoData) {
        try {
            GateEvaluator.checkUsage(evaluation.standard(), query.version());
        } catch (GateUsageException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, String> suiteHashes = new LinkedHashMap<>();
        evaluation.suites().forEach((id, suite) -> suiteHashes.put(id, hash(suite)));
        return gates.decide(evaluation.report(), evaluation.standard(), failOn, query.version(),
                query.environment(), evaluation.standard() == null ? null : hash(evaluation.standard()),
                suiteHashes, globalOnNoData);
    }

    private String hash(Object definition) {
        return hashes.get(definition, ContentHash::of);
    }

    private static String json(GateDecision decision) {
        try {
            return Json.mapper().writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new SteadfastException("gate decision of service '" + decision.service()
                    + "' must be writable as JSON, but was not: " + e.getOriginalMessage(), e);
        }
    }
}
