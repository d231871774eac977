package io.steadfast.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ConnectorTypesTest {

    private record Connector(String name, Set<String> types) {
    }

    @Test
    void shouldFindEachConnectorUnderEveryTypeItHandles() {
        Connector net = new Connector("net", Set.of("latency", "reset"));
        Connector cpu = new Connector("cpu", Set.of("cpu"));

        ConnectorTypes<Connector> types = ConnectorTypes.of("fault", List.of(net, cpu), Connector::types);

        assertThat(types.get("reset")).isSameAs(net);
        assertThat(types.get("cpu")).isSameAs(cpu);
        assertThat(types.types()).containsExactly("cpu", "latency", "reset");
    }

    @Test
    void shouldNameTheTypeAndTheKnownOnesWhenNoneHandlesIt() {
        ConnectorTypes<String> sinks = ConnectorTypes.of("result sink", Map.of("kafka", "k", "file", "f"));

        assertThatThrownBy(() -> sinks.get("kinesis")).isInstanceOf(ConnectorTypes.UnknownTypeException.class)
                .hasMessage("result sink type 'kinesis' must have a connector installed, but none handles it"
                        + " (known: file, kafka)");
    }

    @Test
    void shouldRefuseATypeTwoConnectorsClaim() {
        List<Connector> both = List.of(new Connector("a", Set.of("cpu")), new Connector("b", Set.of("cpu", "memory")));

        assertThatThrownBy(() -> ConnectorTypes.of("fault", both, Connector::types))
                .isInstanceOf(IllegalStateException.class).hasMessageStartingWith("fault type 'cpu' must have one connector");
    }
}
