package io.steadfast.connectors.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import org.junit.jupiter.api.Test;

class JsonFieldTest {

    private static final String BODY = "{\"status\":\"UP\",\"checks\":{\"db\":{\"state\":\"ok\",\"pool\":8}},"
            + "\"nodes\":[{\"up\":true}],\"meta\":{\"v\":1}}";

    @Test
    void followsADottedPathIntoObjectsAndArrays() throws JsonProcessingException {
        assertThat(JsonField.read(BODY, "status")).contains("UP");
        assertThat(JsonField.read(BODY, "checks.db.state")).contains("ok");
        assertThat(JsonField.read(BODY, "checks.db.pool")).contains("8");
        assertThat(JsonField.read(BODY, "nodes.0.up")).contains("true");
        assertThat(JsonField.read(BODY, "meta")).contains("{\"v\":1}");
    }

    @Test
    void aPathThatLeadsNowhereIsEmpty() throws JsonProcessingException {
        assertThat(JsonField.read(BODY, "checks.cache.state")).isEmpty();
        assertThat(JsonField.read(BODY, "nodes.3.up")).isEmpty();
        assertThat(JsonField.read(BODY, "status.code")).isEmpty();
    }

    @Test
    void aBodyThatIsNotJsonIsAnError() {
        assertThatThrownBy(() -> JsonField.read("all good", "status")).isInstanceOf(JsonProcessingException.class);
        assertThatThrownBy(() -> JsonField.read("", "status")).isInstanceOf(JsonProcessingException.class);
    }
}
