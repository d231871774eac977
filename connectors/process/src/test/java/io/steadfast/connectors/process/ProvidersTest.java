package io.steadfast.connectors.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.spi.fault.FaultInjectorProvider;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ProvidersTest {

    @Test
    void shouldRegisterOneProviderPerConcernForTheProcessFaultTypes() {
        Set<String> types = ServiceLoader.load(FaultInjectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .flatMap(provider -> provider.types().stream())
                .collect(Collectors.toSet());

        assertThat(types).containsExactlyInAnyOrder("instance-stop", "zone-outage", "exec", "cpu", "memory");
    }
}
