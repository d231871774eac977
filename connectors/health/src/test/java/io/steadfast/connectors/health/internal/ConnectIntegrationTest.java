package io.steadfast.connectors.health.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import org.junit.jupiter.api.Test;

class ConnectIntegrationTest {

    @Test
    void aConnectionToItsOwnPortIsAReportedRefusal() throws Exception {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            InetSocketAddress itself = new InetSocketAddress("127.0.0.1", socket.getLocalPort());

            assertThatThrownBy(() -> Connect.to(socket, itself, 2_000))
                    .isInstanceOf(ConnectException.class)
                    .hasMessageContaining("nothing listens on");
            assertThat(socket.isClosed()).isTrue();
        }
    }

    @Test
    void aListeningPortConnects() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                Socket socket = new Socket()) {
            Connect.to(socket, new InetSocketAddress("127.0.0.1", server.getLocalPort()), 2_000);

            assertThat(socket.isConnected()).isTrue();
        }
    }
}
