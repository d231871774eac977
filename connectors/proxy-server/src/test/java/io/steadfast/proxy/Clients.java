package io.steadfast.proxy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** Client-side helpers for tests: connecting through the proxy and exchanging bytes. */
public final class Clients {

    private Clients() {
    }

    public static Socket connect(HostPort address) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(address.host(), address.port()), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Writes {@code request} and reads exactly as many bytes back; returns them. */
    public static byte[] exchange(Socket socket, byte[] request) throws IOException {
        socket.getOutputStream().write(request);
        return readExactly(socket.getInputStream(), request.length);
    }

    public static byte[] readExactly(InputStream in, int length) throws IOException {
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new IOException("expected " + length + " bytes, but the stream ended after " + bytes.length);
        }
        return bytes;
    }

    /** The round trip of one {@code size}-byte exchange, in milliseconds. */
    public static double roundTripMillis(Socket socket, int size) throws IOException {
        long start = System.nanoTime();
        exchange(socket, new byte[size]);
        return (System.nanoTime() - start) / 1e6;
    }
}
