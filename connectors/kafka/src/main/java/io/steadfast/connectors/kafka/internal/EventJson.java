package io.steadfast.connectors.kafka.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.event.ScoreEvent;

/** A score event as JSON: ISO instants, null fields kept (a null score means NO_DATA). */
public final class EventJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private EventJson() {
    }

    public static byte[] bytes(ScoreEvent event) {
        try {
            return MAPPER.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new SteadfastException("score event of service '" + event.service()
                    + "' must be writable as JSON, but was not: " + e.getOriginalMessage(), e);
        }
    }
}
