package io.steadfast.connectors.health;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/** Servers on 127.0.0.1 that a check can probe, each accepting on its own daemon thread. */
final class TestServers {

    private static final InetAddress LOOPBACK = loopback();

    private TestServers() {
    }

    /** What a server does with each connection it accepts. */
    enum Behaviour {
        /** Completes a TLS handshake, then closes. */
        TLS,
        /** Writes a line that is not TLS, then closes. */
        BANNER,
        /** Says nothing and keeps the connection open until the server closes. */
        SILENT,
        /**
         * Starts a TLS record, then sends one more byte every 100 ms for 10 s: every read gets
         * something well within any read timeout, but the handshake never completes.
         */
        TRICKLE
    }

    /** A running server; {@link #address()} is {@code 127.0.0.1:port}. */
    static final class Server implements AutoCloseable {

        private final ServerSocket socket;
        private final Behaviour behaviour;
        private final List<Socket> held = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        private Server(ServerSocket socket, Behaviour behaviour) {
            this.socket = socket;
            this.behaviour = behaviour;
            this.acceptor = new Thread(this::acceptAll, "test-server-" + behaviour);
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String address() {
            return "127.0.0.1:" + socket.getLocalPort();
        }

        private void acceptAll() {
            while (!socket.isClosed()) {
                try {
                    serve(socket.accept());
                } catch (IOException e) {
                    // Closed by close(), or a client that gave up mid-handshake: the client sees it.
                }
            }
        }

        private void serve(Socket client) throws IOException {
            switch (behaviour) {
                case TLS -> {
                    try (client) {
                        client.setSoTimeout(5_000);
                        ((SSLSocket) client).startHandshake();
                    }
                }
                case BANNER -> {
                    try (client; OutputStream out = client.getOutputStream()) {
                        out.write("SSH-2.0-NotTls\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                case SILENT -> held.add(client);
                case TRICKLE -> {
                    try (client; OutputStream out = client.getOutputStream()) {
                        out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
                        for (int i = 0; i < 100 && !socket.isClosed(); i++) {
                            out.write(0);
                            out.flush();
                            pause();
                        }
                    }
                }
            }
        }

        private static void pause() throws IOException {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (Socket client : held) {
                client.close();
            }
            acceptor.join(5_000);
        }
    }

    static Server tls(SSLContext context) throws IOException {
        SSLServerSocket socket = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 50, LOOPBACK);
        return new Server(socket, Behaviour.TLS);
    }

    static Server plain(Behaviour behaviour) throws IOException {
        return new Server(new ServerSocket(0, 50, LOOPBACK), behaviour);
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 127.0.0.1:port} of a port nothing listens on (it was free a moment ago). */
    static String closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, LOOPBACK)) {
            return "127.0.0.1:" + socket.getLocalPort();
        }
    }
}
