package io.steadfast.spi.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * One immutable test result, as carried on the {@code steadfast.results} topic (schema version 1).
 * Identified by {@code resultId}, which is also its idempotency key. Optional fields are null
 * when absent; {@code target} is {@code ""} for service-scope tests.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record ResultEvent(
        int schemaVersion,
        String resultId,
        String service,
        String suite,
        String test,
        String target,
        ResultStatus status,
        Instant startedAt,
        Instant finishedAt,
        String serviceVersion,
        String environment,
        String source,
        String runId,
        Measurements measurements,
        String message) {

    public static final int SCHEMA_VERSION = 1;

    public ResultEvent {
        Objects.requireNonNull(resultId, "resultId");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(suite, "suite");
        Objects.requireNonNull(test, "test");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(finishedAt, "finishedAt");
        target = target == null ? "" : target;
        measurements = measurements == null ? Measurements.NONE : measurements;
    }
}
