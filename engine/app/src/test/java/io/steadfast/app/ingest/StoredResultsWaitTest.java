package io.steadfast.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code results publish --wait}'s polling, on a clock that the sleeper moves. */
class StoredResultsWaitTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");

    private final Map<String, ResultEvent> store = new HashMap<>();
    private Instant now = T0;
    private int polls;

    private final StoredResultsWait wait = new StoredResultsWait(id -> Optional.ofNullable(store.get(id)),
            new Clock() {
                @Override
                public Instant instant() {
                    return now;
                }

                @Override
                public java.time.ZoneId getZone() {
                    return ZoneOffset.UTC;
                }

                @Override
                public Clock withZone(java.time.ZoneId zone) {
                    return this;
                }
            }, duration -> {
                now = now.plus(duration);
                if (++polls == 3) {
                    store.put("b", result("b", ResultStatus.PASSED));
                }
            }, Duration.ofMillis(200));

    @Test
    void shouldReturnOnceEveryResultIsStored() throws Exception {
        store.put("a", result("a", ResultStatus.PASSED));

        StoredResultsWait.Outcome outcome = wait.await(List.of(result("a", ResultStatus.PASSED),
                result("b", ResultStatus.PASSED)), Duration.ofSeconds(60));

        assertThat(outcome.stored()).containsExactly("a", "b");
        assertThat(outcome.missing()).isEmpty();
        assertThat(now).isEqualTo(T0.plusMillis(600));
    }

    @Test
    void shouldReportAResultStoredWithOtherContentAsConflicting() throws Exception {
        store.put("a", result("a", ResultStatus.FAILED));

        StoredResultsWait.Outcome outcome = wait.await(List.of(result("a", ResultStatus.PASSED)), Duration.ofSeconds(60));

        assertThat(outcome.conflicting()).containsExactly("a");
        assertThat(outcome.stored()).isEmpty();
    }

    @Test
    void shouldReportWhatIsMissingWhenTheTimeRunsOut() throws Exception {
        StoredResultsWait.Outcome outcome = wait.await(List.of(result("c", ResultStatus.PASSED)), Duration.ofSeconds(1));

        assertThat(outcome.missing()).containsExactly("c");
        assertThat(now).isEqualTo(T0.plusSeconds(1));
    }

    private static ResultEvent result(String id, ResultStatus status) {
        return new ResultEvent(ResultEvent.SCHEMA_VERSION, id, "api", "recommended", "cpu", "", status,
                T0.minusSeconds(60), T0, null, null, null, null, null, null);
    }
}
