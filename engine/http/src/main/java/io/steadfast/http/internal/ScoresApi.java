package io.steadfast.http.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Engine;
import io.steadfast.definitions.StandardSelector;
import io.steadfast.http.ApiException;
import io.steadfast.http.FieldError;
import io.steadfast.http.Principal;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.scoring.rollup.Band;
import io.steadfast.scoring.rollup.Rollup;
import io.steadfast.scoring.rollup.Rollups;
import io.steadfast.scoring.rollup.ServiceScore;
import io.steadfast.scoring.rollup.Trends;
import io.steadfast.scoring.Verdict;
import io.steadfast.store.ScoreSnapshot;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /scores}: one service's report (exactly {@code score --json}), its history, and the
 * organisation's or a team's rollup with the share of services meeting their standard over time and
 * the biggest drops, and how old its figures are ({@code asOf}, {@code ageSeconds}: see
 * {@link Engine#countedAsOf}).
 */
final class ScoresApi {

    private final Engine engine;
    private final DefinitionService definitions;
    private final ServiceAccess access;
    private final Timer scoring;

    ScoresApi(Engine engine, DefinitionService definitions, ServiceAccess access, MeterRegistry registry) {
        this.engine = engine;
        this.definitions = definitions;
        this.access = access;
        this.scoring = scoringTimer(registry);
    }

    static Timer scoringTimer(MeterRegistry registry) {
        return Timer.builder("steadfast.scoring").description("time to score one service")
                .publishPercentileHistogram().register(registry);
    }

    void register(List<Route> routes) {
        routes.add(new Route(HandlerType.GET, "/api/v1/scores", Route.ANY, this::rollup));
        routes.add(new Route(HandlerType.GET, "/api/v1/scores/{service}", Route.ANY, this::score));
        routes.add(new Route(HandlerType.GET, "/api/v1/scores/{service}/history", Route.ANY, this::history));
    }

    private void score(Context ctx, Principal caller) {
        ServiceDefinition service = access.require(caller, ctx.pathParam("service"));
        Engine.ScoreQuery query = query(ctx);
        ScoreReport report = scoring.record(() -> engine.evaluate(service, query).report());
        Web.prettyJson(ctx, 200, report);
    }

    /** {@code version}, {@code environment} and {@code at}, checked together. */
    static Engine.ScoreQuery query(Context ctx) {
        List<FieldError> errors = new ArrayList<>();
        Instant at = Web.instant(ctx, "at", errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        return new Engine.ScoreQuery(at, Web.param(ctx, "version"), Web.param(ctx, "environment"), null);
    }

    private void history(Context ctx, Principal caller) {
        ServiceDefinition service = access.require(caller, ctx.pathParam("service"));
        List<FieldError> errors = new ArrayList<>();
        Instant from = Web.instant(ctx, "from", errors);
        Instant to = Web.instant(ctx, "to", errors);
        int limit = 0;
        String limitParam = Web.param(ctx, "limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
                if (limit < 1) {
                    errors.add(new FieldError("limit", "must be at least 1, but was " + limit));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "must be a positive integer, but was '" + limitParam + "'"));
            }
        }
        if (from != null && to != null && from.isAfter(to)) {
            errors.add(new FieldError("to", "must not be before from (" + from + "), but was " + to));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        List<ScoreSnapshot> history = engine.store().history(service.id(), from, to, limit);
        List<Point> points = new ArrayList<>(history.size());
        history.forEach(s -> points.add(new Point(s.at(), s.score(), s.verdict(), s.coverage(), s.standard())));
        Web.json(ctx, 200, points);
    }

    /** One point of a service's history, as answered. */
    record Point(Instant at, BigDecimal score, Verdict verdict, double coverage, String standard) {
    }

    private void rollup(Context ctx, Principal caller) {
        String team = Web.param(ctx, "team");
        if (team == null) {
            team = caller.team();
        }
        Instant now = engine.now();
        String scope = team;
        List<ServiceDefinition> services = access.all(caller).stream()
                .filter(s -> scope == null || scope.equals(s.team())).toList();
        List<ServiceScore> scores = services.isEmpty() ? List.of()
                : engine.scoreServices(team, null).stream().filter(s -> caller.sees(s.team())).toList();
        Map<String, ServiceDefinition> byId = new HashMap<>();
        services.forEach(s -> byId.put(s.id(), s));
        Map<String, Standard> standards = definitions.current().standards();

        List<Map<String, Object>> rows = new ArrayList<>();
        for (ServiceScore s : scores) {
            ServiceDefinition definition = byId.get(s.service());
            Standard standard = definition == null ? null : StandardSelector.select(definition, null, standards).standard();
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", s.service());
            row.put("name", definition == null ? s.service() : definition.name());
            row.put("team", s.team());
            row.put("tier", s.tier());
            row.put("score", s.score());
            row.put("verdict", s.verdict());
            row.put("band", s.band() == null ? null : s.band().id());
            row.put("standard", standard == null ? null : standard.id());
            row.put("meetsStandard", s.meetsStandard());
            rows.add(row);
        }
        Rollups rollups = Rollups.ofDefaults();
        List<Map<String, Object>> teams = new ArrayList<>();
        rollups.teams(scores).forEach((id, r) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("team", id);
            row.put("score", r.score());
            row.put("band", r.band() == null ? null : r.band().id());
            row.put("services", r.services());
            row.put("meeting", r.members().stream().filter(ServiceScore::meetsStandard).count());
            teams.add(row);
        });
        Rollup all = rollups.organisation(scores);
        Map<String, Integer> bands = new LinkedHashMap<>();
        for (Band band : Band.values()) {
            bands.put(band.id(), all.bands().getOrDefault(band, 0));
        }
        Map<String, List<Trends.Point>> histories = new HashMap<>();
        engine.store().histories(scores.stream().map(ServiceScore::service).toList(), Trends.readFrom(now))
                .forEach((service, snapshots) -> histories.put(service, snapshots.stream()
                        .map(snapshot -> new Trends.Point(snapshot.at(), snapshot.score(), snapshot.verdict())).toList()));

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("services", rows);
        body.put("teams", teams);
        body.put("bands", bands);
        body.put("meetingShare", Trends.meetingShare(histories, now));
        body.put("biggestDrops", Trends.biggestDrops(scores, histories, now));
        Instant asOf = engine.countedAsOf(scores.stream().map(ServiceScore::service).toList(), now);
        body.put("asOf", asOf);
        body.put("ageSeconds", Duration.between(asOf, now).toSeconds());
        Web.json(ctx, 200, body);
    }
}
