package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import io.steadfast.json.Json;
import io.steadfast.results.ResultReader;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The published schema of the result event agrees with what the engine writes and what it accepts. */
class ResultEventSchemaTest {

    private static JsonSchema schema;

    @BeforeAll
    static void load() throws Exception {
        schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(
                Files.readString(CliHarness.repositoryRoot().resolve("docs/schema/result-event.schema.json")));
    }

    @Test
    void shouldDescribeTheEventsTheRunnerWrites() throws Exception {
        Instant at = Instant.parse("2026-11-26T10:05:02Z");
        ResultEvent full = new ResultEvent(ResultEvent.SCHEMA_VERSION, "r-1", "checkout", "recommended",
                "dependency-latency", "inventory", ResultStatus.DEGRADED, at.minusSeconds(300), at, "1.4.2", "staging",
                "steadfast-runner", "run-1", new Measurements(1200L, 8400L, 58, 60), "stayed healthy");
        ResultEvent minimal = new ResultEvent(ResultEvent.SCHEMA_VERSION, "r-2", "checkout", "recommended", "cpu",
                null, ResultStatus.PASSED, null, at, null, null, null, null, null, null);

        for (ResultEvent event : new ResultEvent[] {full, minimal}) {
            JsonNode json = Json.mapper().valueToTree(event);
            assertThat(schema.validate(json)).as(json.toString()).isEmpty();
        }
    }

    /** Each record breaks one rule: the reader refuses it, and so does the schema. */
    @ParameterizedTest
    @ValueSource(strings = {
        "{\"schemaVersion\":2,\"resultId\":\"r\",\"service\":\"api\",\"suite\":\"s\",\"test\":\"t\",\"status\":\"PASSED\",\"finishedAt\":\"2026-11-26T10:05:02Z\"}",
        "{\"schemaVersion\":1,\"service\":\"api\",\"suite\":\"s\",\"test\":\"t\",\"status\":\"PASSED\",\"finishedAt\":\"2026-11-26T10:05:02Z\"}",
        "{\"schemaVersion\":1,\"resultId\":\"r\",\"service\":\"API\",\"suite\":\"s\",\"test\":\"t\",\"status\":\"PASSED\",\"finishedAt\":\"2026-11-26T10:05:02Z\"}",
        "{\"schemaVersion\":1,\"resultId\":\"r\",\"service\":\"api\",\"suite\":\"s\",\"test\":\"t\",\"status\":\"OK\",\"finishedAt\":\"2026-11-26T10:05:02Z\"}",
        "{\"schemaVersion\":1,\"resultId\":\"r\",\"service\":\"api\",\"suite\":\"s\",\"test\":\"t\",\"status\":\"PASSED\"}",
        "{\"schemaVersion\":1,\"resultId\":\" \",\"service\":\"api\",\"suite\":\"s\",\"test\":\"t\",\"status\":\"PASSED\",\"finishedAt\":\"2026-11-26T10:05:02Z\"}",
        "{\"schemaVersion\":1,\"resultId\":\"r\",\"service\":\"api\",\"suite\":\"s\",\"test\":\"t\",\"status\":\"PASSED\",\"finishedAt\":\"2026-11-26T10:05:02Z\",\"measurements\":{\"probesTotal\":-1}}"
    })
    void shouldRefuseWhatTheReaderRefuses(String record) throws Exception {
        assertThat(new ResultReader().read("r.json", record).errors()).isNotEmpty();
        assertThat(schema.validate(Json.mapper().readTree(record))).isNotEmpty();
    }
}
