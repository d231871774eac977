package io.steadfast.http.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.steadfast.app.GateService;
import io.steadfast.app.Engine;
import io.steadfast.app.UsageException;
import io.steadfast.gate.GateDecision;
import io.steadfast.http.ApiException;
import io.steadfast.http.FieldError;
import io.steadfast.http.Principal;
import io.steadfast.http.Role;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.scoring.Verdict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /gates/{service}}: {@code GET} decides without side effects, {@code POST} decides and
 * records (audit trail and {@code steadfast.gates}). 200 when the outcome passes, 409 when it fails.
 */
final class GatesApi {

    private final Engine engine;
    private final GateService gates;
    private final ServiceAccess access;
    private final Timer scoring;
    /** By outcome, then by whether the decision was recorded. */
    private final Map<GateDecision.Outcome, Map<Boolean, Counter>> decisions = new EnumMap<>(GateDecision.Outcome.class);

    GatesApi(Engine engine, GateService gates, ServiceAccess access, MeterRegistry registry) {
        this.engine = engine;
        this.gates = gates;
        this.access = access;
        this.scoring = ScoresApi.scoringTimer(registry);
        for (GateDecision.Outcome outcome : GateDecision.Outcome.values()) {
            Map<Boolean, Counter> byRecorded = new HashMap<>();
            for (boolean recorded : new boolean[] {false, true}) {
                byRecorded.put(recorded, Counter.builder("steadfast.gate.decisions").tag("outcome", outcome.name())
                        .tag("recorded", Boolean.toString(recorded)).register(registry));
            }
            decisions.put(outcome, byRecorded);
        }
    }

    void register(List<Route> routes) {
        routes.add(new Route(HandlerType.GET, "/api/v1/gates/{service}", Route.ANY, (ctx, caller) -> gate(ctx, caller, false)));
        routes.add(new Route(HandlerType.POST, "/api/v1/gates/{service}", Set.of(Role.ADMIN, Role.OWNER, Role.CI),
                (ctx, caller) -> gate(ctx, caller, true)));
    }

    private void gate(Context ctx, Principal caller, boolean record) {
        ServiceDefinition service = access.require(caller, ctx.pathParam("service"));
        List<FieldError> errors = new ArrayList<>();
        Verdict failOn = Verdict.FAIL;
        String failOnParam = Web.param(ctx, "failOn");
        if (failOnParam != null) {
            if (failOnParam.equals("warn")) {
                failOn = Verdict.WARN;
            } else if (!failOnParam.equals("fail")) {
                errors.add(new FieldError("failOn", "must be 'warn' or 'fail', but was '" + failOnParam + "'"));
            }
        }
        Engine.ScoreQuery query;
        try {
            query = ScoresApi.query(ctx);
        } catch (ApiException e) {
            errors.addAll(e.errors());
            query = null;
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        Engine.ScoreQuery asked = query;
        Engine.Evaluation evaluation = scoring.record(() -> engine.evaluate(service, asked));
        GateDecision decision;
        try {
            decision = record ? gates.gate(evaluation, query, failOn, Standard.OnNoData.FAIL)
                    : gates.decide(evaluation, query, failOn, Standard.OnNoData.FAIL);
        } catch (UsageException e) {
            throw ApiException.badRequest("version", e.getMessage());
        }
        decisions.get(decision.outcome()).get(record).increment();
        Web.json(ctx, decision.outcome() == GateDecision.Outcome.PASS ? 200 : 409, Answer.of(decision));
    }

    /** The answer: the decision without its audit fields (time, suite hashes). */
    record Answer(String service, String version, String environment, GateDecision.Outcome outcome, Verdict verdict,
                  BigDecimal score, Standard.Thresholds thresholds, List<String> reasons, String standard,
                  String standardHash) {

        static Answer of(GateDecision d) {
            return new Answer(d.service(), d.version(), d.environment(), d.outcome(), d.verdict(), d.score(),
                    d.thresholds(), d.reasons(), d.standard(), d.standardHash());
        }
    }
}
