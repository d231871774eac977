package io.steadfast.connectors.health.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Opens a probe's connection, so that a port nobody listens on is never taken for a live one. */
public final class Connect {

    private Connect() {
    }

    /**
     * Connects {@code socket} to {@code address}. A connection to a free local port inside the
     * ephemeral range can be given that same port as its own (TCP simultaneous open) and succeed
     * with nobody at the other end; that is reported as the refusal it stands for.
     *
     * @throws ConnectException when refused, including by such a self-connection
     * @throws IOException      when the connection fails otherwise or times out
     */
    public static void to(Socket socket, InetSocketAddress address, int timeoutMillis) throws IOException {
        socket.connect(address, timeoutMillis);
        if (socket.getLocalSocketAddress().equals(socket.getRemoteSocketAddress())) {
            socket.close();
            throw new ConnectException("Connection refused: nothing listens on " + address);
        }
    }
}
