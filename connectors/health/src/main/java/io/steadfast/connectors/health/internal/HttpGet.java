package io.steadfast.connectors.health.internal;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * One HTTP/1.1 {@code GET} over a connection of its own: connects (and, for {@code https}, shakes
 * hands, verifying the certificate and that it names the host), sends the request with
 * {@code Connection: close}, reads the status line, the headers and the whole body, and closes the
 * connection. Nothing is kept between requests, so each one is a new TCP (and TLS) connection, as a
 * load balancer's or Kubernetes' probe is. Redirects are not followed.
 *
 * <p>The whole exchange, connecting to the last body byte, is bounded by one timeout: the socket is
 * closed when it passes ({@link Deadline}), so a server trickling bytes cannot stretch it.
 */
public final class HttpGet {

    /** Header lines, the status line included, longer than this are not HTTP as far as a probe is concerned. */
    private static final int MAX_LINE = 16 * 1024;
    private static final int MAX_HEADER_LINES = 200;
    /** Body bytes kept for reading; the rest is read (the exchange ends with the body) but dropped. */
    public static final int MAX_BODY = 4 * 1024 * 1024;
    private static final int MAX_INTERIM = 10;

    private HttpGet() {
    }

    /**
     * What the server answered.
     *
     * @param truncated whether the body was longer than {@link #MAX_BODY} and only its start is here
     */
    public record Response(int status, String body, boolean truncated) {
    }

    /** The server's answer was not HTTP/1.x, or ended early; the message says so for a person. */
    public static final class Malformed extends IOException {
        Malformed(String message) {
            super(message);
        }
    }

    /** The exchange did not end within its timeout. */
    public static final class TimedOut extends IOException {
        TimedOut(IOException cause) {
            super("timed out", cause);
        }
    }

    /**
     * GETs {@code url} over a new connection, closed before this returns.
     *
     * @param url     an {@code http} or {@code https} URL with a host
     * @param tls     the factory for {@code https} connections; not used for {@code http}
     * @param timeout for the whole exchange
     * @throws TimedOut  when the timeout passed
     * @throws Malformed when the answer was not HTTP
     * @throws IOException when the server could not be reached, the TLS handshake failed, or the
     *                     connection broke
     */
    public static Response fetch(URI url, SSLSocketFactory tls, Duration timeout) throws IOException {
        boolean secure = "https".equalsIgnoreCase(url.getScheme());
        String host = hostOf(url);
        int port = url.getPort() == -1 ? (secure ? 443 : 80) : url.getPort();
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Socket plain = new Socket();
        Deadline deadline = Deadline.closeAfter(plain, timeout);
        try {
            Connect.to(plain, new InetSocketAddress(host, port), millis);
            plain.setSoTimeout(millis);
            plain.setTcpNoDelay(true);
            Socket socket = plain;
            if (secure) {
                SSLSocket tlsSocket = (SSLSocket) tls.createSocket(plain, host, port, true);
                SSLParameters parameters = tlsSocket.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tlsSocket.setSSLParameters(parameters);
                socket = tlsSocket;
                tlsSocket.startHandshake();
            }
            try (Socket connection = socket) {
                OutputStream out = connection.getOutputStream();
                out.write(request(url, host, port, secure));
                out.flush();
                return read(new BufferedInputStream(connection.getInputStream()));
            }
        } catch (IOException e) {
            if (deadline.passed()) {
                throw new TimedOut(e);
            }
            throw e;
        } finally {
            deadline.close();
            closeQuietly(plain);
        }
    }

    private static String hostOf(URI url) {
        String host = url.getHost();
        // An IPv6 literal comes bracketed, as in the URL.
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static byte[] request(URI url, String host, int port, boolean secure) {
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        String target = url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
        String hostHeader = host.contains(":") ? "[" + host + "]" : host;
        if (port != (secure ? 443 : 80)) {
            hostHeader += ":" + port;
        }
        String text = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + hostHeader + "\r\n"
                + "Connection: close\r\n"
                + "Accept: */*\r\n"
                + "User-Agent: steadfast-health\r\n"
                + "\r\n";
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static Response read(InputStream in) throws IOException {
        for (int interim = 0; ; interim++) {
            int status = statusLine(in);
            Headers headers = headers(in);
            if (status >= 100 && status < 200 && status != 101) {
                if (interim >= MAX_INTERIM) {
                    throw new Malformed("invalid HTTP response: more than " + MAX_INTERIM + " interim responses");
                }
                continue;
            }
            if (status == 101) {
                throw new Malformed("invalid HTTP response: 101 to a GET that asked for no upgrade");
            }
            Body body = new Body();
            if (status != 204 && status != 304) {
                if (headers.chunked) {
                    chunked(in, body);
                } else if (headers.contentLength >= 0) {
                    exactly(in, headers.contentLength, body);
                } else {
                    untilClose(in, body);
                }
            }
            return new Response(status, body.text(headers.charset), body.truncated);
        }
    }

    private static int statusLine(InputStream in) throws IOException {
        String line = line(in, "the status line");
        if (line == null) {
            throw new Malformed("connection closed before a response");
        }
        // HTTP/1.1 200 OK; the reason phrase may be empty or missing.
        if (line.length() < 12 || !line.startsWith("HTTP/1.") || line.charAt(8) != ' '
                || (line.length() > 12 && line.charAt(12) != ' ')) {
            throw new Malformed("invalid HTTP response: status line '" + printable(line) + "'");
        }
        String code = line.substring(9, 12);
        if (!code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new Malformed("invalid HTTP response: status line '" + printable(line) + "'");
        }
        return Integer.parseInt(code);
    }

    private static final class Headers {
        long contentLength = -1;
        boolean chunked;
        Charset charset = StandardCharsets.UTF_8;
    }

    private static Headers headers(InputStream in) throws IOException {
        Headers headers = new Headers();
        for (int count = 0; ; count++) {
            String line = line(in, "the headers");
            if (line == null) {
                throw new Malformed("connection closed before the end of the headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            if (count >= MAX_HEADER_LINES) {
                throw new Malformed("invalid HTTP response: more than " + MAX_HEADER_LINES + " header lines");
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("invalid HTTP response: header line '" + printable(line) + "'");
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            switch (name) {
                case "content-length" -> headers.contentLength = contentLength(value, headers.contentLength);
                case "transfer-encoding" -> headers.chunked |= value.toLowerCase(Locale.ROOT).endsWith("chunked");
                case "content-type" -> headers.charset = charset(value);
                default -> {
                }
            }
        }
    }

    private static long contentLength(String value, long before) throws Malformed {
        long length;
        try {
            length = Long.parseLong(value);
        } catch (NumberFormatException e) {
            length = -1;
        }
        if (length < 0 || (before >= 0 && before != length)) {
            throw new Malformed("invalid HTTP response: Content-Length '" + printable(value) + "'");
        }
        return length;
    }

    /** The {@code charset} of a {@code Content-Type}, UTF-8 when none or unknown. */
    private static Charset charset(String contentType) {
        for (String parameter : contentType.split(";")) {
            String[] pair = parameter.trim().split("=", 2);
            if (pair.length == 2 && pair[0].trim().equalsIgnoreCase("charset")) {
                String name = pair[1].trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalArgumentException e) {
                    return StandardCharsets.UTF_8;
                }
            }
        }
        return StandardCharsets.UTF_8;
    }

    private static void chunked(InputStream in, Body body) throws IOException {
        while (true) {
            String line = line(in, "a chunk size");
            if (line == null) {
                throw new Malformed("connection closed in the middle of the body");
            }
            int extension = line.indexOf(';');
            String size = (extension < 0 ? line : line.substring(0, extension)).trim();
            long length;
            try {
                length = Long.parseLong(size, 16);
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) {
                throw new Malformed("invalid HTTP response: chunk size '" + printable(line) + "'");
            }
            if (length == 0) {
                // Trailers, then the empty line that ends the message.
                for (int count = 0; ; count++) {
                    String trailer = line(in, "the trailers");
                    if (trailer == null || trailer.isEmpty()) {
                        return;
                    }
                    if (count >= MAX_HEADER_LINES) {
                        throw new Malformed("invalid HTTP response: more than " + MAX_HEADER_LINES + " trailer lines");
                    }
                }
            }
            exactly(in, length, body);
            String end = line(in, "a chunk end");
            if (end == null || !end.isEmpty()) {
                throw new Malformed(end == null ? "connection closed in the middle of the body"
                        : "invalid HTTP response: chunk longer than its size");
            }
        }
    }

    private static void exactly(InputStream in, long length, Body body) throws IOException {
        byte[] buffer = new byte[8192];
        long left = length;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new Malformed("connection closed in the middle of the body");
            }
            body.write(buffer, n);
            left -= n;
        }
    }

    private static void untilClose(InputStream in, Body body) throws IOException {
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) >= 0; ) {
            body.write(buffer, n);
        }
    }

    /**
     * One line without its CRLF (a bare LF is taken too), or null at the end of the stream before
     * any byte of it.
     */
    private static String line(InputStream in, String what) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        while (true) {
            int b = in.read();
            if (b < 0) {
                if (line.size() == 0) {
                    return null;
                }
                throw new Malformed("connection closed in the middle of " + what);
            }
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() >= MAX_LINE) {
                throw new Malformed("invalid HTTP response: a line of " + what + " over " + MAX_LINE + " bytes");
            }
            line.write(b);
        }
    }

    private static String printable(String text) {
        String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        StringBuilder out = new StringBuilder(shown.length());
        for (char c : shown.toCharArray()) {
            out.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return out.toString();
    }

    private static final class Body {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private boolean truncated;

        void write(byte[] buffer, int n) {
            int room = MAX_BODY - bytes.size();
            if (n > room) {
                truncated = true;
            }
            bytes.write(buffer, 0, Math.min(n, room));
        }

        String text(Charset charset) {
            return bytes.toString(charset);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already read what there was to read; a failing close has nothing to report.
        }
    }
}
