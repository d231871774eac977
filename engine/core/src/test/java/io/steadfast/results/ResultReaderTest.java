package io.steadfast.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.spi.result.ResultStatus;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class ResultReaderTest {

    private static final String GOOD = """
            {"schemaVersion":1,"resultId":"r1","service":"checkout","suite":"recommended","test":"cpu",\
            "status":"PASSED","startedAt":"2026-11-26T10:00:00Z","finishedAt":"2026-11-26T10:05:00Z",\
            "measurements":{"probesPassed":58,"probesTotal":60},"futureField":{"x":1}}""";

    private final ResultReader reader = new ResultReader();

    private static String with(String field, String json) {
        return GOOD.replaceFirst("\"" + field + "\":(\"[^\"]*\"|\\d+|\\{[^}]*\\})", Matcher.quoteReplacement("\"" + field + "\":" + json));
    }

    private ResultReader.RecordError onlyError(String record) {
        ResultReader.ReadOutcome outcome = reader.read("r.json", record);
        assertThat(outcome.results()).isEmpty();
        assertThat(outcome.errors()).hasSize(1);
        return outcome.errors().get(0);
    }

    @Test
    void shouldReadAValidRecordAndIgnoreUnknownFields() {
        ResultReader.ReadOutcome outcome = reader.read("r.json", GOOD);

        assertThat(outcome.errors()).isEmpty();
        assertThat(outcome.results()).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(ResultStatus.PASSED);
            assertThat(r.target()).isEmpty();
            assertThat(r.finishedAt()).isEqualTo(Instant.parse("2026-11-26T10:05:00Z"));
            assertThat(r.measurements().probeRatio()).isEqualTo(58 / 60.0);
        });
    }

    @Test
    void shouldRejectAKeyRepeatedInARecordRatherThanLetTheLastOneWin() {
        String twice = GOOD.replace("\"status\":\"PASSED\",", "\"status\":\"FAILED\",\"status\":\"PASSED\",");

        assertThat(onlyError(twice).toString()).isEqualTo("r.json:1: status: must appear once in its object, but was repeated");
    }

    @Test
    void shouldRejectAKeyRepeatedInANestedObjectOfAKafkaRecord() {
        String twice = GOOD.replace("\"probesTotal\":60", "\"probesTotal\":60,\"probesTotal\":58");

        assertThatThrownBy(() -> reader.readRecord("steadfast.results-0@7", twice.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ResultReader.InvalidResultException.class, e -> assertThat(e.errors())
                        .map(ResultReader.RecordError::toString)
                        .containsExactly("steadfast.results-0@7:1: probesTotal: must appear once in its object, but was repeated"));
    }

    @Test
    void shouldRejectAKeyRepeatedInARecordOfAnArrayWithItsLine() {
        String twice = GOOD.replace("\"test\":\"cpu\",", "\"test\":\"cpu\",\"test\":\"memory\",");

        ResultReader.ReadOutcome outcome = reader.read("r.json", "[\n" + GOOD.replace("r1", "r0") + ",\n" + twice + "\n]");

        assertThat(outcome.errors()).map(ResultReader.RecordError::toString)
                .containsExactly("r.json:3: test: must appear once in its object, but was repeated");
        assertThat(outcome.results()).extracting(r -> r.resultId()).containsExactly("r0");
    }

    @Test
    void shouldRejectUnknownSchemaVersion() {
        assertThat(onlyError(with("schemaVersion", "2")).toString())
                .isEqualTo("r.json:1: schemaVersion: must be 1 (the only schema version known), but was 2");
    }

    @Test
    void shouldRejectMissingResultId() {
        assertThat(onlyError(GOOD.replace("\"resultId\":\"r1\",", "")).toString())
                .isEqualTo("r.json:1: resultId: must be a non-empty string, but was missing");
    }

    @Test
    void shouldRejectServiceThatIsNotAnId() {
        assertThat(onlyError(with("service", "\"Check Out\"")).path()).isEqualTo("service");
    }

    @Test
    void shouldRejectUnknownStatus() {
        assertThat(onlyError(with("status", "\"OK\"")).message())
                .isEqualTo("must be one of [PASSED, DEGRADED, FAILED, HALTED, ERROR, SKIPPED], but was \"OK\"");
    }

    @Test
    void shouldRejectFinishedAtThatIsNotAnInstant() {
        assertThat(onlyError(with("finishedAt", "\"yesterday\"")).path()).isEqualTo("finishedAt");
    }

    @Test
    void shouldRejectStartAfterFinish() {
        assertThat(onlyError(with("startedAt", "\"2026-11-26T11:00:00Z\"")).path()).isEqualTo("startedAt");
    }

    @Test
    void shouldRejectMoreProbesPassedThanTaken() {
        assertThat(onlyError(with("measurements", "{\"probesPassed\":61,\"probesTotal\":60}")).path())
                .isEqualTo("measurements.probesPassed");
    }

    @Test
    void shouldRejectNegativeMeasurement() {
        assertThat(onlyError(with("measurements", "{\"timeToDetectMs\":-5}")).path())
                .isEqualTo("measurements.timeToDetectMs");
    }

    @Test
    void shouldReportEveryProblemOfARecordAtOnce() {
        ResultReader.ReadOutcome outcome = reader.read("r.json",
                "{\"schemaVersion\":1,\"service\":\"checkout\",\"status\":\"WHAT\"}");

        assertThat(outcome.errors()).extracting(ResultReader.RecordError::path)
                .containsExactly("resultId", "suite", "test", "status", "finishedAt");
    }

    @Test
    void shouldKeepGoodLinesOfJsonLinesAndNameTheBadLine() {
        String text = GOOD + "\n" + "{broken\n" + GOOD.replace("r1", "r2") + "\n";

        ResultReader.ReadOutcome outcome = reader.read("r.jsonl", text);

        assertThat(outcome.results()).extracting(r -> r.resultId()).containsExactly("r1", "r2");
        assertThat(outcome.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void shouldReadAnArrayAndNameTheLineOfEachBadElement() {
        String text = "[\n" + GOOD + ",\n" + with("status", "\"NOPE\"") + "\n]";

        ResultReader.ReadOutcome outcome = reader.read("r.json", text);

        assertThat(outcome.results()).hasSize(1);
        assertThat(outcome.errors()).singleElement().satisfies(e -> assertThat(e.line()).isEqualTo(3));
    }

    @Test
    void shouldRejectARecordOverOneMebibyte() {
        String huge = GOOD.replace("\"futureField\":{\"x\":1}", "\"message\":\"" + "x".repeat(ResultReader.MAX_RECORD_BYTES) + "\"");

        assertThatThrownBy(() -> reader.readRecord("topic", huge.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ResultReader.InvalidResultException.class)
                .hasMessageContaining("must be at most 1048576 bytes");
    }

    @Test
    void shouldRejectSomethingThatIsNotJson() {
        assertThat(onlyError("this is not json").message()).startsWith("must be valid JSON, but was not");
    }

    @Test
    void shouldRejectAResultFinishedFurtherAheadThanTheSkewAllows() {
        ResultReader skewed = new ResultReader(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC),
                Duration.ofMinutes(5));

        ResultReader.ReadOutcome farAhead = skewed.read("r.json", with("finishedAt", "\"9999-01-01T00:00:00Z\""));
        ResultReader.ReadOutcome withinSkew = skewed.read("r.json", GOOD.replace("2026-11-26T10:00:00Z",
                "2026-11-26T09:00:00Z").replace("2026-11-26T10:05:00Z", "2026-11-26T10:04:59Z"));

        assertThat(farAhead.results()).isEmpty();
        assertThat(farAhead.errors()).singleElement().hasToString("r.json:1: finishedAt: must be at most 300 s after"
                + " now (2026-11-26T10:05:00Z at the latest), but was \"9999-01-01T00:00:00Z\"");
        assertThat(withinSkew.errors()).isEmpty();
    }

    @Test
    void shouldRejectANulInAnId() {
        assertThat(onlyError(with("resultId", "\"r1\\u0000x\"")).toString())
                .isEqualTo("r.json:1: resultId: must not hold control characters, but held U+0000 at index 2");
    }

    @Test
    void shouldRejectANulInTheEnvironment() {
        assertThat(onlyError(GOOD.replace("\"futureField\"", "\"environment\":\"prod\\u0000\",\"futureField\"")).toString())
                .isEqualTo("r.json:1: environment: must not hold control characters, but held U+0000 at index 4");
    }

    @Test
    void shouldRejectATabInAnIdButNotInTheMessage() {
        assertThat(onlyError(with("test", "\"cpu\\tload\"")).message())
                .isEqualTo("must not hold control characters, but held U+0009 at index 3");
        assertThat(reader.read("r.json", GOOD.replace("\"futureField\"", "\"message\":\"a\\tb\\nc\",\"futureField\""))
                .errors()).isEmpty();
    }

    @Test
    void shouldRejectANulInTheMessage() {
        assertThat(onlyError(GOOD.replace("\"futureField\"", "\"message\":\"a\\u0000\",\"futureField\"")).path())
                .isEqualTo("message");
    }

    @Test
    void shouldRejectAC1ControlCharacterInTheSuite() {
        assertThat(onlyError(with("suite", "\"rec\\u0085\"")).message())
                .isEqualTo("must not hold control characters, but held U+0085 at index 3");
    }

    @Test
    void shouldRejectAControlCharacterInAMeasurementsKey() {
        assertThat(onlyError(with("measurements", "{\"probes\\u0000\":1}")).toString())
                .isEqualTo("r.json:1: measurements: field names must not hold control characters, but held U+0000 at index 6");
    }

    @Test
    void shouldRejectAControlCharacterRecordFromKafka() {
        String record = with("resultId", "\"r\\u0000\"");

        assertThatThrownBy(() -> reader.readRecord("results-topic", record.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ResultReader.InvalidResultException.class)
                .hasMessage("results-topic:1: resultId: must not hold control characters, but held U+0000 at index 1");
    }

    @Test
    void shouldRejectAnEnvironmentLongerThanTheStoreKeeps() {
        assertThat(onlyError(GOOD.replace("\"futureField\"", "\"environment\":\"" + "e".repeat(201) + "\",\"futureField\"")).message())
                .startsWith("must be at most 200 characters, but was");
    }
}
