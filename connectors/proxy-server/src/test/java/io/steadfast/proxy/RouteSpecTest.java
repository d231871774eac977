package io.steadfast.proxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RouteSpecTest {

    @Test
    void shouldParseListenAndSeveralUpstreams() {
        RouteSpec route = RouteSpec.parse("127.0.0.1:19001=10.0.0.1:9001,10.0.0.2:9001");

        assertThat(route.listen()).isEqualTo(new HostPort("127.0.0.1", 19001));
        assertThat(route.upstreams()).containsExactly(new HostPort("10.0.0.1", 9001), new HostPort("10.0.0.2", 9001));
    }

    @Test
    void shouldParseBracketedIpv6() {
        assertThat(HostPort.parse("[::1]:8474")).isEqualTo(new HostPort("::1", 8474));
        assertThat(new HostPort("::1", 8474)).hasToString("[::1]:8474");
    }

    @Test
    void shouldRejectRouteWithoutEquals() {
        assertThatThrownBy(() -> RouteSpec.parse("127.0.0.1:19001"))
                .hasMessage("route must be listen=upstream[,upstream...], but was '127.0.0.1:19001'");
    }

    @Test
    void shouldRejectPortThatIsNotANumber() {
        assertThatThrownBy(() -> RouteSpec.parse("127.0.0.1:19001=db:http"))
                .hasMessage("route '127.0.0.1:19001=db:http': must be host:port with a numeric port, but was 'db:http'");
    }

    @Test
    void shouldRejectPortOutOfRange() {
        assertThatThrownBy(() -> HostPort.parse("127.0.0.1:70000"))
                .hasMessage("must be host:port with a port in 0..65535, but was '127.0.0.1:70000'");
    }

    @Test
    void shouldRejectRouteWithoutUpstream() {
        assertThatThrownBy(() -> new RouteSpec(new HostPort("127.0.0.1", 1), List.of()))
                .hasMessage("a route needs at least one upstream");
    }
}
