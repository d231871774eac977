package io.steadfast.store;

import static io.steadfast.store.Results.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.gate.GateDecision;
import io.steadfast.model.Standard;
import io.steadfast.scoring.Verdict;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link HistoryStore} does, the store's and the in-memory one alike: each implementation's
 * test extends this with {@link #store} giving a new, empty one.
 */
public abstract class HistoryStoreContract {

    /** A new, empty store under test. */
    protected abstract HistoryStore store();

    private HistoryStore store;

    @BeforeEach
    void openStore() {
        store = store();
    }

    // ---- history

    @Test
    void shouldWriteSnapshotOnlyWhenRoundedScoreOrVerdictChanges() {
        assertThat(store.recordSnapshot(snapshot(0, "82.04", Verdict.PASS))).isTrue();
        assertThat(store.recordSnapshot(snapshot(1, "82.0", Verdict.PASS))).isFalse();
        assertThat(store.recordSnapshot(snapshot(2, "81.96", Verdict.PASS))).isFalse();
        assertThat(store.recordSnapshot(snapshot(3, "79.0", Verdict.WARN))).isTrue();
        assertThat(store.recordSnapshot(snapshot(4, "79.0", Verdict.FAIL))).isTrue();
        assertThat(store.recordSnapshot(snapshot(5, null, Verdict.NO_DATA))).isTrue();
        assertThat(store.recordSnapshot(snapshot(6, null, Verdict.NO_DATA))).isFalse();
        assertThat(store.recordSnapshot(new ScoreSnapshot("other", T0, "tier-1", null, Verdict.NO_DATA, 0)))
                .isTrue();

        assertThat(store.history("checkout"))
                .extracting(ScoreSnapshot::score, ScoreSnapshot::verdict)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(new BigDecimal("82.0"), Verdict.PASS),
                        org.assertj.core.groups.Tuple.tuple(new BigDecimal("79.0"), Verdict.WARN),
                        org.assertj.core.groups.Tuple.tuple(new BigDecimal("79.0"), Verdict.FAIL),
                        org.assertj.core.groups.Tuple.tuple(null, Verdict.NO_DATA));
        assertThat(store.history("checkout").get(0)).isEqualTo(snapshot(0, "82.0", Verdict.PASS));
    }

    @Test
    void shouldReadAWindowOfHistoryStartingWithTheScoreAtItsStart() {
        for (int hour = 0; hour <= 5; hour++) {
            store.recordSnapshot(snapshot(hour, hour % 2 == 0 ? "80.0" : "60.0", Verdict.PASS));
        }
        Instant from = T0.plus(Duration.ofMinutes(150));

        assertThat(hours(store.history("checkout", from, null, 0))).containsExactly(2L, 3L, 4L, 5L);
        assertThat(hours(store.history("checkout", from, T0.plus(Duration.ofHours(4)), 0))).containsExactly(2L, 3L, 4L);
        assertThat(hours(store.history("checkout", from, null, 2))).containsExactly(4L, 5L);
        assertThat(hours(store.history("checkout", null, T0.plus(Duration.ofHours(1)), 0))).containsExactly(0L, 1L);
        assertThat(hours(store.history("checkout", T0.minusSeconds(1), null, 0))).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        assertThat(store.history("checkout", null, null, 0)).isEqualTo(store.history("checkout"));
        assertThat(store.history("other", from, null, 0)).isEmpty();
    }

    private static List<Long> hours(List<ScoreSnapshot> history) {
        return history.stream().map(s -> Duration.between(T0, s.at()).toHours()).toList();
    }

    private static ScoreSnapshot snapshot(int hour, String score, Verdict verdict) {
        return new ScoreSnapshot("checkout", T0.plus(Duration.ofHours(hour)), "tier-1",
                score == null ? null : new BigDecimal(score), verdict, 0.75);
    }

    // ---- gate decisions

    @Test
    void shouldRoundTripGateDecisions() {
        GateDecision pass = new GateDecision("checkout", "1.4.2", "production", T0.plusNanos(1), Verdict.PASS,
                GateDecision.Outcome.PASS, Verdict.FAIL, new BigDecimal("91.5"), new Standard.Thresholds(90, 75),
                List.of("score 91.5 >= pass 90"), "tier-1", "sha256:abc", Map.of("recommended", "sha256:def"));
        GateDecision noData = new GateDecision("checkout", null, null, T0.plusSeconds(60), Verdict.NO_DATA,
                GateDecision.Outcome.FAIL, Verdict.FAIL, null, null, List.of("no counted result"), null, null,
                Map.of());

        long first = store.recordGateDecision(pass);
        long second = store.recordGateDecision(noData);

        assertThat(second).isGreaterThan(first);
        assertThat(store.gateDecisions("checkout")).containsExactly(pass, noData);
        assertThat(store.gateDecisions("other")).isEmpty();
    }

    // ---- outbox

    @Test
    void shouldWriteAnAnnouncementBesideEachSnapshotWrittenAndDeleteThoseSent() {
        store.recordSnapshots(List.of(snapshot(0, "80.0", Verdict.PASS)), s -> "{\"score\":" + s.score() + "}", T0);
        store.recordSnapshots(List.of(snapshot(1, "80.0", Verdict.PASS), snapshot(2, "60.0", Verdict.WARN)),
                s -> "{\"score\":" + s.score() + "}", T0);

        List<OutboxEntry> waiting = store.outbox(10);
        assertThat(waiting).extracting(OutboxEntry::payload).containsExactly("{\"score\":80.0}", "{\"score\":60.0}");
        assertThat(waiting.get(0).id()).isLessThan(waiting.get(1).id());
        assertThat(waiting.get(0).eventId()).isNotEqualTo(waiting.get(1).eventId());
        assertThat(store.outbox(1)).containsExactly(waiting.get(0));

        store.deleteFromOutbox(List.of(waiting.get(0).id()));

        assertThat(store.outbox(10)).containsExactly(waiting.get(1));
        assertThat(store.outboxSize()).isEqualTo(1);
    }

    @Test
    void shouldReadManyHistoriesFromTheScoreAtTheirStart() {
        for (int hour = 0; hour <= 3; hour++) {
            store.recordSnapshot(snapshot(hour, hour % 2 == 0 ? "80.0" : "60.0", Verdict.PASS));
        }

        Map<String, List<ScoreSnapshot>> histories = store.histories(List.of("checkout", "other"),
                T0.plus(Duration.ofMinutes(90)));

        assertThat(hours(histories.get("checkout"))).containsExactly(1L, 2L, 3L);
        assertThat(histories.get("other")).isEmpty();
    }
}
