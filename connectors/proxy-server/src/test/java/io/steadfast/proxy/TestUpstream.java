package io.steadfast.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** A real TCP server standing in for a dependency, with a thread per connection. */
public final class TestUpstream implements AutoCloseable {

    /** What the server does with one accepted connection. */
    public interface Handler {
        void handle(Socket socket) throws IOException;
    }

    private final ServerSocket server;
    private final Handler handler;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    private TestUpstream(Handler handler) throws IOException {
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
        this.handler = handler;
        Thread acceptor = new Thread(this::accept, "upstream-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** Echoes every byte; on end of stream, half-closes back. */
    public static TestUpstream echo() throws IOException {
        return new TestUpstream(socket -> {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[64 * 1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                out.write(buffer, 0, n);
            }
            socket.shutdownOutput();
        });
    }

    /** Writes its name and closes. */
    public static TestUpstream named(String name) throws IOException {
        return new TestUpstream(socket -> socket.getOutputStream().write(name.getBytes(StandardCharsets.UTF_8)));
    }

    /** Reads to end of stream, then writes the number of bytes read as text and closes. */
    public static TestUpstream sink() throws IOException {
        return new TestUpstream(socket -> {
            long total = socket.getInputStream().transferTo(OutputStream.nullOutputStream());
            socket.getOutputStream().write(Long.toString(total).getBytes(StandardCharsets.UTF_8));
        });
    }

    /** Writes {@code bytes} bytes and closes. */
    public static TestUpstream source(long bytes) throws IOException {
        return new TestUpstream(socket -> {
            byte[] chunk = new byte[16 * 1024];
            OutputStream out = socket.getOutputStream();
            for (long left = bytes; left > 0; left -= chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, left));
            }
        });
    }

    public HostPort address() {
        return new HostPort(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                socket.setTcpNoDelay(true);
                open.add(socket);
                Thread worker = new Thread(() -> {
                    try (socket) {
                        handler.handle(socket);
                    } catch (IOException e) {
                        // the client went away; nothing to report from the stand-in
                    } finally {
                        open.remove(socket);
                    }
                }, "upstream-" + server.getLocalPort());
                worker.setDaemon(true);
                worker.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket socket : open) {
            socket.close();
        }
    }
}
