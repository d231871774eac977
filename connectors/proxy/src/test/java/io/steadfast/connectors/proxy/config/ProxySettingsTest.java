package io.steadfast.connectors.proxy.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.proxy.HostPort;
import io.steadfast.spi.errors.SteadfastException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ProxySettingsTest {

    @Test
    void shouldDefaultToLocalProxyOnPort8474() {
        ProxySettings settings = ProxySettings.from(Map.of("bootstrap.servers", "ignored:9092"));

        assertThat(settings.control()).isEqualTo(new HostPort("127.0.0.1", 8474));
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings.secretFile()).isEqualTo(Path.of(System.getProperty("user.home"), ".steadfast", "proxy.secret"));
    }

    @Test
    void shouldReadSecretFile() {
        assertThat(ProxySettings.from(Map.of("proxy.secret.file", "/srv/steadfast/proxy.secret")).secretFile())
                .isEqualTo(Path.of("/srv/steadfast/proxy.secret"));
    }

    @Test
    void shouldRejectEmptySecretFile() {
        assertThatThrownBy(() -> ProxySettings.from(Map.of("proxy.secret.file", " ")))
                .isInstanceOf(SteadfastException.class)
                .hasMessage("setting 'proxy.secret.file' must be a file path, but was empty");
    }

    @Test
    void shouldReadControlAddress() {
        assertThat(ProxySettings.from(Map.of("proxy.control", "127.0.0.1:9999")).control())
                .isEqualTo(new HostPort("127.0.0.1", 9999));
    }

    @Test
    void shouldRejectControlAddressWithoutPort() {
        assertThatThrownBy(() -> ProxySettings.from(Map.of("proxy.control", "localhost")))
                .isInstanceOf(SteadfastException.class)
                .hasMessage("setting 'proxy.control' must be host:port, but was 'localhost'");
    }

    @Test
    void shouldRejectTimeoutThatIsNotPositive() {
        assertThatThrownBy(() -> ProxySettings.from(Map.of("proxy.timeout.ms", "0")))
                .isInstanceOf(SteadfastException.class)
                .hasMessage("setting 'proxy.timeout.ms' must be a number of milliseconds > 0, but was '0'");
    }
}
