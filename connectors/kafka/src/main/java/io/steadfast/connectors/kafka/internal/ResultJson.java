package io.steadfast.connectors.kafka.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.result.ResultEvent;

/** A result event as the JSON of DESIGN §5: ISO instants, absent fields left out. */
public final class ResultJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private ResultJson() {
    }

    public static byte[] bytes(ResultEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new SteadfastException("result '" + event.resultId() + "' must be writable as JSON, but was not: "
                    + e.getOriginalMessage(), e);
        }
    }
}
