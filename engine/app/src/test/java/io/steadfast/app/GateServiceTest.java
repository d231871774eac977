package io.steadfast.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.gate.GateDecision;
import io.steadfast.gate.GateEvaluator;
import io.steadfast.model.Standard;
import io.steadfast.scoring.Fixtures;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.scoring.Verdict;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.spi.event.GateEvent;
import io.steadfast.spi.event.ScoreEvent;
import io.steadfast.store.memory.InMemoryHistoryStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Release gates on the in-memory history store. */
class GateServiceTest {

    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    private final InMemoryHistoryStore history = new InMemoryHistoryStore();
    private final List<GateEvent> announced = new CopyOnWriteArrayList<>();
    private final GateService gates = new GateService(history, new GateEvaluator(), new ScoreEventSink() {
        @Override
        public void scoreChanged(ScoreEvent event) {
        }

        @Override
        public void gateRecorded(GateEvent event) {
            announced.add(event);
        }
    });

    private static Engine.Evaluation noData() {
        return new Engine.Evaluation(ScoreReport.noData("checkout", null, T0, "service 'checkout' has no standard"),
                null, Map.of());
    }

    @Test
    void shouldRecordAndAnnounceEachDecision() {
        GateDecision decision = gates.gate(noData(), Engine.ScoreQuery.NOW, Verdict.FAIL, Standard.OnNoData.FAIL);

        assertThat(decision.outcome()).isEqualTo(GateDecision.Outcome.FAIL);
        assertThat(history.gateDecisions("checkout")).containsExactly(decision);
        assertThat(announced).singleElement().satisfies(event -> {
            assertThat(event.service()).isEqualTo("checkout");
            assertThat(event.decisionJson()).contains("\"outcome\":\"FAIL\"");
        });
    }

    @Test
    void shouldDecideWithoutRecordingWhenOnlyAsked() {
        GateDecision decision = gates.decide(noData(), Engine.ScoreQuery.NOW, Verdict.FAIL, Standard.OnNoData.PASS);

        assertThat(decision.outcome()).isEqualTo(GateDecision.Outcome.PASS);
        assertThat(history.gateDecisions("checkout")).isEmpty();
        assertThat(announced).isEmpty();
    }

    @Test
    void shouldRefuseASameVersionGateAskedWithoutAVersion() {
        Standard sameVersion = Fixtures.standard("tier-1").sameVersion().build();
        Engine.Evaluation evaluation = new Engine.Evaluation(ScoreReport.noData("checkout", "tier-1", T0, "none"),
                sameVersion, Map.of());

        assertThatThrownBy(() -> gates.gate(evaluation, Engine.ScoreQuery.NOW, Verdict.FAIL, Standard.OnNoData.FAIL))
                .isInstanceOf(UsageException.class).hasMessageContaining("version");
        assertThat(history.gateDecisions("checkout")).isEmpty();
    }
}
