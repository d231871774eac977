package io.steadfast.app.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.results.ResultReader;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.source.BatchOutcome;
import io.steadfast.spi.source.DeadLetter;
import io.steadfast.spi.source.RawRecord;
import io.steadfast.store.IngestOutcome;
import io.steadfast.store.StoreUnavailableException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The ingest handler on an in-memory store of the test's: what it stores, what it dead-letters, and why. */
class ResultIngestHandlerTest {

    private final FakeTarget target = new FakeTarget();
    private final ResultIngestHandler handler = new ResultIngestHandler(new ResultReader(), target);
    private long offset;

    @Test
    void shouldStoreTheValidRecordsOfABatchInOneCall() {
        handler.handle(List.of(record(result("r1", "PASSED")), record("not JSON"), record(result("r2", "FAILED"))));

        assertThat(target.calls).extracting(call -> call.stream().map(ResultEvent::resultId).toList())
                .containsExactly(List.of("r1", "r2"));
    }

    @Test
    void shouldDeadLetterARecordThatIsNotJson() {
        assertThat(reasons(handler.handle(List.of(record("{oops"))))).singleElement().asString()
                .contains("must be valid JSON");
    }

    @Test
    void shouldDeadLetterARecordThatFailsValidation() {
        assertThat(reasons(handler.handle(List.of(record(result("r1", "MAYBE")))))).singleElement().asString()
                .contains("status: must be one of");
    }

    @Test
    void shouldDeadLetterARecordThatRepeatsAKey() {
        String twice = result("r1", "PASSED").replace("\"status\":\"PASSED\"", "\"status\":\"FAILED\",\"status\":\"PASSED\"");

        assertThat(reasons(handler.handle(List.of(record(twice))))).singleElement().asString()
                .contains("status: must appear once in its object, but was repeated");
        assertThat(target.calls).isEmpty();
    }

    @Test
    void shouldDeadLetterARecordOfAnUnknownSchemaVersion() {
        String v2 = result("r1", "PASSED").replace("\"schemaVersion\":1", "\"schemaVersion\":2");
        assertThat(reasons(handler.handle(List.of(record(v2))))).singleElement().asString()
                .contains("schemaVersion: must be 1");
    }

    @Test
    void shouldDeadLetterARecordOverOneMebibyte() {
        String large = result("r1", "PASSED").replace("}", ",\"message\":\"" + "x".repeat(1 << 20) + "\"}");
        assertThat(reasons(handler.handle(List.of(record(large))))).singleElement().asString()
                .contains("record must be at most 1048576 bytes");
        assertThat(target.calls).isEmpty();
    }

    @Test
    void shouldDeadLetterARecordWithoutValue() {
        RawRecord tombstone = new RawRecord("steadfast.results", 0, 7, "api", null, null);
        assertThat(reasons(handler.handle(List.of(tombstone)))).singleElement().asString()
                .contains("steadfast.results-0@7: must hold a result, but was empty");
    }

    @Test
    void shouldDeadLetterOnlyTheConflictingRecordOfAnIdAlreadyStored() {
        handler.handle(List.of(record(result("r1", "PASSED"))));
        RawRecord same = record(result("r1", "PASSED"));
        RawRecord different = record(result("r1", "FAILED"));

        BatchOutcome outcome = handler.handle(List.of(same, different));

        assertThat(outcome.deadLetters()).extracting(DeadLetter::record).containsExactly(different);
        assertThat(reasons(outcome)).singleElement().asString().contains("resultId 'r1' must identify one result");
    }

    @Test
    void shouldAskForARetryWhenTheStoreIsUnavailable() {
        target.unavailable = true;

        assertThatThrownBy(() -> handler.handle(List.of(record(result("r1", "PASSED")))))
                .isInstanceOf(RetriableException.class)
                .hasMessageContaining("store must take a batch of 1 result(s), but was unavailable")
                .hasCauseInstanceOf(StoreUnavailableException.class);
    }

    private static List<String> reasons(BatchOutcome outcome) {
        return outcome.deadLetters().stream().map(DeadLetter::reason).toList();
    }

    private RawRecord record(String value) {
        return new RawRecord("steadfast.results", 0, offset++, "api", value.getBytes(StandardCharsets.UTF_8), null);
    }

    private static String result(String id, String status) {
        return "{\"schemaVersion\":1,\"resultId\":\"" + id + "\",\"service\":\"api\",\"suite\":\"recommended\","
                + "\"test\":\"cpu\",\"status\":\"" + status + "\",\"finishedAt\":\"2026-11-26T10:00:00Z\"}";
    }

    /** Stores by id like the real store: identical content is a duplicate, different content a conflict. */
    private static final class FakeTarget implements IngestTarget {

        final List<List<ResultEvent>> calls = new ArrayList<>();
        final Map<String, ResultEvent> stored = new HashMap<>();
        boolean unavailable;

        @Override
        public IngestOutcome store(List<ResultEvent> results) {
            if (unavailable) {
                throw new StoreUnavailableException("database is down", null);
            }
            calls.add(results);
            int fresh = 0;
            int duplicates = 0;
            List<IngestOutcome.Conflict> conflicts = new ArrayList<>();
            for (ResultEvent result : results) {
                ResultEvent existing = stored.putIfAbsent(result.resultId(), result);
                if (existing == null) {
                    fresh++;
                } else if (existing.equals(result)) {
                    duplicates++;
                } else {
                    conflicts.add(new IngestOutcome.Conflict(result.resultId(), "resultId '" + result.resultId()
                            + "' must identify one result, but its content differs from the result already stored"));
                }
            }
            return new IngestOutcome(fresh, duplicates, conflicts);
        }

        @Override
        public Optional<ResultEvent> stored(String resultId) {
            return Optional.ofNullable(stored.get(resultId));
        }
    }
}
