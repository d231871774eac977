package io.steadfast.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The small real services {@code steadfast demo} starts as separate processes, each a main of its own:
 * <ul>
 *   <li>{@code inventory}: {@code GET /stock} answers at once;
 *   <li>{@code payments}: {@code GET /charge} over HTTPS, with the certificate it is given;
 *   <li>{@code checkout}: {@code GET /health} calls inventory with a 50 ms timeout and a fallback,
 *       and payments with no timeout at all, then answers 200 {@code {"status":"UP",...}} — or 503
 *       when payments answered with an error.
 * </ul>
 * How checkout calls its dependencies is what makes some tests pass and others fail, for real.
 *
 * <p>Usage: {@code DemoService NAME --port P --pid-file F [--inventory HOST:PORT] [--payments HOST:PORT]
 * [--keystore F --password P]}.
 */
public final class DemoService {

    private static final int INVENTORY_TIMEOUT_MS = 50;

    private DemoService() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("http.keepAlive", "false"); // a fresh connection per call, as through a plain proxy
        String name = args[0];
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            options.put(args[i], args[i + 1]);
        }
        int port = Integer.parseInt(options.get("--port"));
        Files.writeString(Path.of(options.get("--pid-file")), Long.toString(ProcessHandle.current().pid()));
        SSLContext tls = options.containsKey("--keystore")
                ? tls(Path.of(options.get("--keystore")), options.get("--password").toCharArray()) : null;
        HttpServer server;
        if (name.equals("payments")) {
            HttpsServer https = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 128);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        } else {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        }
        switch (name) {
            case "inventory" -> server.createContext("/stock", exchange -> reply(exchange, 200, "{\"sku-1\":42}"));
            case "payments" -> server.createContext("/charge", exchange -> reply(exchange, 200, "{\"charged\":true}"));
            case "checkout" -> server.createContext("/health", exchange -> checkoutHealth(exchange,
                    options.get("--inventory"), options.get("--payments"), tls));
            default -> throw new IllegalArgumentException("service must be inventory, payments or checkout, but was '"
                    + name + "'");
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        System.out.println(name + " listening on 127.0.0.1:" + port);
    }

    private static void checkoutHealth(HttpExchange exchange, String inventory, String payments, SSLContext tls)
            throws IOException {
        String stock;
        try {
            call(new URL("http://" + inventory + "/stock"), INVENTORY_TIMEOUT_MS, null);
            stock = "live";
        } catch (IOException e) {
            stock = "fallback";
        }
        try {
            call(new URL("https://" + payments + "/charge"), 0, tls);
        } catch (IOException e) {
            reply(exchange, 503, "{\"status\":\"DOWN\",\"payments\":\"" + e.getClass().getSimpleName() + "\"}");
            return;
        }
        reply(exchange, 200, "{\"status\":\"UP\",\"inventory\":\"" + stock + "\",\"payments\":\"ok\"}");
    }

    /** One request on a fresh connection; {@code timeoutMs} 0 waits for ever. */
    private static void call(URL url, int timeoutMs, SSLContext tls) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) url.openConnection();
        if (connection instanceof HttpsURLConnection https) {
            https.setSSLSocketFactory(tls.getSocketFactory());
        }
        connection.setConnectTimeout(timeoutMs);
        connection.setReadTimeout(timeoutMs);
        try (InputStream in = connection.getInputStream()) {
            in.readAllBytes();
        } finally {
            connection.disconnect();
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static SSLContext tls(Path keystore, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, password);
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
