package io.steadfast.http.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.steadfast.app.Engine;
import io.steadfast.http.ApiException;
import io.steadfast.http.FieldError;
import io.steadfast.http.Principal;
import io.steadfast.http.Role;
import io.steadfast.json.Json;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.results.ResultReader;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.StoreException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code /results}: post (one result or an array, each validated as a Kafka record is; the good ones
 * are sent through the same {@link ResultSink} as other tools' results, and the poster's token is
 * recorded), query and retract.
 */
final class ResultsApi {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final Engine engine;
    private final ServiceAccess access;
    private final ResultSink sink;
    private final ResultReader reader;

    ResultsApi(Engine engine, ServiceAccess access, ResultSink sink, ResultReader reader) {
        this.engine = engine;
        this.access = access;
        this.sink = sink;
        this.reader = reader;
    }

    void register(List<Route> routes) {
        routes.add(new Route(HandlerType.POST, "/api/v1/results", Set.of(Role.ADMIN, Role.OWNER, Role.CI), this::post));
        routes.add(new Route(HandlerType.GET, "/api/v1/results", Route.ANY, this::query));
        routes.add(new Route(HandlerType.POST, "/api/v1/results/{id}/retract", Set.of(Role.ADMIN, Role.OWNER),
                this::retract));
    }

    private void post(Context ctx, Principal caller) throws Exception {
        JsonNode body = Web.body(ctx);
        List<JsonNode> records = new ArrayList<>();
        if (body.isArray()) {
            body.forEach(records::add);
        } else if (body.isObject()) {
            records.add(body);
        } else {
            throw ApiException.badRequest("body", "must be a result object or an array of them, but was " + body.getNodeType());
        }
        ResultEvent[] read = new ResultEvent[records.size()];
        List<List<FieldError>> errors = new ArrayList<>();
        Map<String, Optional<ServiceDefinition>> services = new HashMap<>();
        for (int i = 0; i < records.size(); i++) {
            List<FieldError> recordErrors = new ArrayList<>();
            errors.add(recordErrors);
            try {
                read[i] = reader.readRecord("results[" + i + "]", Json.mapper().writeValueAsBytes(records.get(i)));
                if (caller.role() != Role.ADMIN) {
                    String serviceId = read[i].service();
                    if (services.computeIfAbsent(serviceId, id -> access.visible(caller, id)).isEmpty()) {
                        recordErrors.add(new FieldError("service", "must be a registered service of team '"
                                + caller.team() + "', but was '" + serviceId + "'"));
                    }
                }
            } catch (ResultReader.InvalidResultException e) {
                e.errors().forEach(error -> recordErrors.add(new FieldError(error.path(), error.message())));
            }
        }
        // a result id stored with other content is a conflict ingest would dead-letter: say so now
        Map<String, ResultEvent> stored = engine.store().results(Arrays.stream(read).filter(Objects::nonNull)
                .map(ResultEvent::resultId).toList());
        List<ResultEvent> good = new ArrayList<>();
        List<Map<String, Object>> rejected = new ArrayList<>();
        boolean conflicting = false;
        for (int i = 0; i < records.size(); i++) {
            List<FieldError> recordErrors = errors.get(i);
            ResultEvent result = read[i];
            if (recordErrors.isEmpty() && stored.containsKey(result.resultId())
                    && !stored.get(result.resultId()).equals(result)) {
                conflicting = true;
                recordErrors.add(new FieldError("resultId", "must be new or name a result with the same content, but"
                        + " result '" + result.resultId() + "' is stored with other content"));
            }
            if (recordErrors.isEmpty()) {
                good.add(result);
            } else {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("index", i);
                row.put("errors", recordErrors);
                rejected.add(row);
            }
        }
        if (good.isEmpty() && !rejected.isEmpty()) {
            throw new ApiException(conflicting ? 409 : 400, rejectedFields(rejected, body.isArray()));
        }
        if (!good.isEmpty()) {
            engine.store().recordPosters(good.stream().map(ResultEvent::resultId).toList(), caller.tokenId(),
                    engine.now());
            try {
                sink.publish(good);
            } catch (RetriableException e) {
                throw new ApiException(503, List.of(new FieldError("", "results must be accepted by the broker,"
                        + " but it is unavailable for now; post them again")));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("accepted", good.size());
        answer.put("rejected", rejected);
        Web.json(ctx, conflicting ? 409 : 202, answer);
    }

    /** Every error of the rejected records, as one 400 gives them: in an array, each field prefixed by its record's index. */
    @SuppressWarnings("unchecked")
    private static List<FieldError> rejectedFields(List<Map<String, Object>> rejected, boolean array) {
        List<FieldError> fields = new ArrayList<>();
        for (Map<String, Object> row : rejected) {
            String prefix = array ? "[" + row.get("index") + "]" : "";
            for (FieldError error : (List<FieldError>) row.get("errors")) {
                String field = prefix.isEmpty() || error.field().isEmpty() ? prefix + error.field()
                        : prefix + "." + error.field();
                fields.add(new FieldError(field, error.message()));
            }
        }
        return fields;
    }

    private void query(Context ctx, Principal caller) {
        List<FieldError> errors = new ArrayList<>();
        String service = Web.param(ctx, "service");
        if (service == null) {
            errors.add(new FieldError("service", "must be given, but was missing"));
        }
        Instant from = Web.instant(ctx, "from", errors);
        Instant to = Web.instant(ctx, "to", errors);
        int limit = DEFAULT_LIMIT;
        String limitParam = Web.param(ctx, "limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
                if (limit < 1 || limit > MAX_LIMIT) {
                    errors.add(new FieldError("limit", "must be in 1.." + MAX_LIMIT + ", but was " + limit));
                }
            } catch (NumberFormatException e) {
                errors.add(new FieldError("limit", "must be an integer in 1.." + MAX_LIMIT + ", but was '" + limitParam + "'"));
            }
        }
        if (from != null && to != null && !from.isBefore(to)) {
            errors.add(new FieldError("to", "must be after from (" + from + "), but was " + to));
        }
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        ServiceDefinition definition = access.require(caller, service);
        String test = Web.param(ctx, "test");
        Set<String> retracted = engine.store().retractedIds(service);
        List<ObjectNode> found = engine.store().results(service).stream()
                .filter(r -> test == null || test.equals(r.test()))
                .filter(r -> from == null || !r.finishedAt().isBefore(from))
                .filter(r -> to == null || r.finishedAt().isBefore(to))
                .sorted(Comparator.comparing(ResultEvent::finishedAt).reversed())
                .limit(limit)
                .map(r -> {
                    ObjectNode node = Json.mapper().valueToTree(Redacted.result(caller, definition, r));
                    node.put("retracted", retracted.contains(r.resultId()));
                    return node;
                }).toList();
        Web.json(ctx, 200, found);
    }

    private void retract(Context ctx, Principal caller) {
        String id = ctx.pathParam("id");
        JsonNode body = Web.body(ctx);
        List<FieldError> errors = new ArrayList<>();
        String reason = body.isObject() ? Web.text(body, "reason", errors) : null;
        if (errors.isEmpty() && (reason == null || reason.isBlank())) {
            errors.add(new FieldError("reason", "must be given and not blank, but was " + (reason == null ? "missing" : "blank")));
        }
        Web.maxLength("reason", reason, Web.TEXT_COLUMN, errors);
        if (!errors.isEmpty()) {
            throw ApiException.badRequest(errors);
        }
        ResultEvent result = engine.store().result(id).filter(r -> access.visible(caller, r.service()).isPresent()
                        || caller.role() == Role.ADMIN)
                .orElseThrow(() -> ApiException.notFound("id", "result '" + id + "' must exist, but was not found"));
        ServiceAccess.requireWrite(caller, access.visible(caller, result.service()).map(ServiceDefinition::team).orElse(null));
        if (engine.store().retractedIds(result.service()).contains(id)) {
            throw ApiException.conflict("id", "result '" + id + "' must not be retracted yet, but was");
        }
        try {
            engine.retract(id, reason, caller.actor());
        } catch (StoreException e) {
            throw ApiException.conflict("id", e.getMessage());
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("resultId", id);
        answer.put("retracted", true);
        answer.put("by", caller.actor());
        Web.json(ctx, 200, answer);
    }
}
