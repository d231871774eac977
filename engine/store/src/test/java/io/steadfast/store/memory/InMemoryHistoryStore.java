package io.steadfast.store.memory;

import io.steadfast.gate.GateDecision;
import io.steadfast.store.HistoryStore;
import io.steadfast.store.OutboxEntry;
import io.steadfast.store.ScoreSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

/** {@link HistoryStore} in memory, for unit tests of what uses it; {@code HistoryStoreContract} holds it to the store's behaviour. */
public final class InMemoryHistoryStore implements HistoryStore {

    /** Each service's snapshots, oldest first. */
    private final Map<String, List<ScoreSnapshot>> snapshots = new HashMap<>();
    private final TreeMap<Long, OutboxEntry> outbox = new TreeMap<>();
    private final List<GateDecision> decisions = new ArrayList<>();
    private long nextOutboxId = 1;

    @Override
    public synchronized boolean recordSnapshot(ScoreSnapshot snapshot) {
        return !recordSnapshots(List.of(snapshot)).isEmpty();
    }

    @Override
    public synchronized List<ScoreSnapshot> recordSnapshots(List<ScoreSnapshot> batch,
                                                            Function<ScoreSnapshot, String> announcement, Instant now) {
        if (announcement != null) {
            Objects.requireNonNull(now, "now");
        }
        List<ScoreSnapshot> written = new ArrayList<>();
        for (ScoreSnapshot snapshot : batch) {
            List<ScoreSnapshot> history = snapshots.computeIfAbsent(snapshot.service(), s -> new ArrayList<>());
            if (snapshot.differsFrom(history.isEmpty() ? null : history.get(history.size() - 1))) {
                history.add(snapshot);
                if (announcement != null) {
                    long id = nextOutboxId++;
                    outbox.put(id, new OutboxEntry(id, snapshot.service(), UUID.randomUUID().toString(),
                            announcement.apply(snapshot), now));
                }
                written.add(snapshot);
            }
        }
        return written;
    }

    @Override
    public synchronized List<OutboxEntry> outbox(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("outbox limit must be > 0, but was " + limit);
        }
        return outbox.values().stream().limit(limit).toList();
    }

    @Override
    public synchronized long outboxSize() {
        return outbox.size();
    }

    @Override
    public synchronized void deleteFromOutbox(Collection<Long> ids) {
        ids.forEach(outbox::remove);
    }

    @Override
    public synchronized Map<String, List<ScoreSnapshot>> histories(List<String> services, Instant from) {
        Map<String, List<ScoreSnapshot>> histories = new LinkedHashMap<>();
        services.forEach(service -> histories.put(service, history(service, from, null, 0)));
        return histories;
    }

    @Override
    public synchronized List<ScoreSnapshot> history(String service) {
        return List.copyOf(snapshots.getOrDefault(service, List.of()));
    }

    @Override
    public synchronized List<ScoreSnapshot> history(String service, Instant from, Instant to, int limit) {
        List<ScoreSnapshot> all = snapshots.getOrDefault(service, List.of());
        List<ScoreSnapshot> window = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            ScoreSnapshot snapshot = all.get(i);
            boolean lastBeforeFrom = from != null && (to == null || !from.isAfter(to)) && !snapshot.at().isAfter(from)
                    && (i + 1 == all.size() || all.get(i + 1).at().isAfter(from));
            boolean inWindow = (from == null || snapshot.at().isAfter(from) || lastBeforeFrom)
                    && (to == null || !snapshot.at().isAfter(to));
            if (inWindow) {
                window.add(snapshot);
            }
        }
        return limit > 0 && window.size() > limit ? List.copyOf(window.subList(window.size() - limit, window.size()))
                : List.copyOf(window);
    }

    @Override
    public synchronized long recordGateDecision(GateDecision decision) {
        decisions.add(decision);
        return decisions.size();
    }

    @Override
    public synchronized List<GateDecision> gateDecisions(String service) {
        return decisions.stream().filter(d -> d.service().equals(service)).toList();
    }
}
