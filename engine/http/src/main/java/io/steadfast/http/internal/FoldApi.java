package io.steadfast.http.internal;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.steadfast.app.Engine;
import io.steadfast.app.FoldHealth;
import io.steadfast.http.ApiException;
import io.steadfast.http.Principal;
import io.steadfast.http.Role;
import io.steadfast.store.Store;
import io.steadfast.store.StoreException;
import io.steadfast.store.StoreUnavailableException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code /fold/quarantine}, for admins: the blocks of results the fold set aside, and replaying one
 * once what stopped it is fixed. Registers the fold's meters: failed folds
 * ({@code steadfast.fold.failures}, and {@code steadfast.fold.failures.in.a.row}), blocks set aside by
 * this process ({@code steadfast.fold.set.aside}) and now in the store
 * ({@code steadfast.fold.set.aside.blocks}), and blocks not folded yet ({@code steadfast.fold.lag}).
 */
final class FoldApi {

    private final Engine engine;

    FoldApi(Engine engine, MeterRegistry registry) {
        this.engine = engine;
        FoldHealth health = engine.foldHealth();
        Store store = engine.store();
        FunctionCounter.builder("steadfast.fold.failures", health, FoldHealth::failures)
                .description("folds of stored results that failed").register(registry);
        Gauge.builder("steadfast.fold.failures.in.a.row", health, FoldHealth::failuresInARow)
                .description("folds that failed since the last one that did not").register(registry);
        FunctionCounter.builder("steadfast.fold.set.aside", health, FoldHealth::blocksSetAside)
                .description("blocks of results this process's folds set aside").register(registry);
        Gauge.builder("steadfast.fold.set.aside.blocks", store, Store::setAsideCount)
                .description("blocks of results set aside, not counted until replayed").register(registry);
        Gauge.builder("steadfast.fold.lag", store, Store::foldLag)
                .description("blocks of results stored and not folded yet").register(registry);
    }

    void register(List<Route> routes) {
        routes.add(new Route(HandlerType.GET, "/api/v1/fold/quarantine", Set.of(Role.ADMIN), this::list));
        routes.add(new Route(HandlerType.POST, "/api/v1/fold/quarantine/{id}/replay", Set.of(Role.ADMIN),
                this::replay));
    }

    private void list(Context ctx, Principal caller) {
        Web.json(ctx, 200, engine.store().setAsideBlocks());
    }

    private void replay(Context ctx, Principal caller) {
        String id = ctx.pathParam("id");
        long block;
        try {
            block = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("id", "must be the number of a block set aside, but was '" + id + "'");
        }
        long folded;
        try {
            folded = engine.replaySetAside(block).orElseThrow(() -> ApiException.notFound("id",
                    "block " + block + " must be set aside, but is not"));
        } catch (StoreUnavailableException e) {
            throw e;
        } catch (StoreException e) {
            throw ApiException.conflict("id", "block " + block + " must fold once replayed, but failed again: "
                    + Web.firstLine(e.getMessage()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("block", block);
        body.put("folded", folded);
        Web.json(ctx, 200, body);
    }
}
