package io.steadfast.cli;

import com.google.inject.Key;
import com.google.inject.name.Names;
import io.steadfast.app.UsageException;
import io.steadfast.app.ingest.IngestLoop;
import io.steadfast.app.ingest.ScoreFeed;
import io.steadfast.app.lifecycle.Lifecycle;
import io.steadfast.app.tick.HourlyTick;
import io.steadfast.cli.wiring.ConnectorConfig;
import io.steadfast.cli.wiring.ConnectorsModule;
import io.steadfast.cli.wiring.IngestModule;
import io.steadfast.cli.wiring.RunnerModule;
import io.steadfast.cli.wiring.HttpModule;
import io.steadfast.http.HttpServer;
import io.steadfast.http.HttpSettings;
import io.steadfast.runner.Runner;
import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.spi.ScoreEventSink;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

@Command(name = "serve", description = {
        "Runs the engine: ingests results from Kafka (topic steadfast.results) until stopped (SIGINT/SIGTERM).",
        "Starts an in-process Kafka broker on 127.0.0.1:9092 unless --embedded-kafka-port or --kafka-bootstrap",
        "says otherwise; its clients need the credential in <data dir>/kafka/client.properties (kcat: kcat.conf).",
        "Bad records go to steadfast.results.dlq; offsets are committed once results are stored.",
        "Rescores every service at start and hourly (one engine of those sharing the store), recording and",
        "announcing the scores that time alone moved.",
        "Serves the HTTP API (/api/v1, bearer tokens from 'steadfast tokens create') and the dashboard on",
        "127.0.0.1:8080 unless --bind or --port say otherwise; /health, /ready and /metrics need no token.",
        "Serves HTTPS with --tls-cert and --tls-key; an address other than loopback needs them, or --insecure-http."})
final class ServeCommand implements Callable<Integer> {

    private static final long SHUTDOWN_TIMEOUT_SECONDS = 90;

    @ParentCommand
    RootCommand root;

    @Spec
    CommandSpec spec;

    @Mixin
    KafkaOptions kafka;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the HTTP API and dashboard (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = HttpSettings.DEFAULT_BIND,
            description = "Address the HTTP server listens on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--tls-cert", paramLabel = "FILE",
            description = "PEM certificate chain to serve HTTPS with (the server's certificate first); needs --tls-key.")
    Path tlsCert;

    @Option(names = "--tls-key", paramLabel = "FILE",
            description = "PEM private key of --tls-cert: unencrypted PKCS#8 ('BEGIN PRIVATE KEY'), RSA or EC.")
    Path tlsKey;

    @Option(names = "--insecure-http", description = "Serve plain HTTP on an address other than loopback"
            + " (tokens and service data then cross the network readable by anyone on the path).")
    boolean insecureHttp;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        HttpSettings http = httpSettings();
        root.install(kafka.module(), new ConnectorsModule(), new IngestModule(), new RunnerModule(Map.of()),
                new HttpModule(http));
        root.definitions().current();
        root.get(Key.get(Runner.class)).recoverJournal().forEach(line -> out.println("journal: " + line));
        Lifecycle broker = root.get(Key.get(Lifecycle.class, Names.named("broker")));
        String bootstrap = root.get(Key.get(ConnectorConfig.class)).settings().get(KafkaSettings.BOOTSTRAP_SERVERS);

        CompletableFuture<Void> signalled = new CompletableFuture<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            signalled.complete(null);
            try {
                stopped.await(SHUTDOWN_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "steadfast-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        // SIGTERM and SIGINT start the ordered stop on this thread before the JVM's shutdown hooks run:
        // H2 closes its database in one of those, which would be under the batch that ingest finishes.
        for (String name : List.of("TERM", "INT")) {
            Signal.handle(new Signal(name), signal -> signalled.complete(null));
        }

        IngestLoop ingest = null;
        Lifecycle server = null;
        ScoreFeed feed = null;
        HourlyTick tick = null;
        try {
            broker.start();
            feed = root.get(Key.get(ScoreFeed.class));
            feed.start();
            ingest = root.get(Key.get(IngestLoop.class));
            ingest.start();
            tick = root.get(Key.get(HourlyTick.class));
            tick.start();
            server = root.get(Key.get(Lifecycle.class, Names.named("http")));
            server.start();
            out.printf("serving: ingesting results from Kafka at %s (data in %s); HTTP API and dashboard at"
                    + " %s://%s:%d/; stop with Ctrl-C%n", bootstrap, root.settings().dataDir(), http.scheme(), bind,
                    root.get(Key.get(HttpServer.class)).port());
            out.flush();
            CompletableFuture.anyOf(signalled, ingest.finished()).exceptionally(e -> null).join();
        } finally {
            // Ordered shutdown: stop serving HTTP (halting the API's runs), stop the tick, stop consuming,
            // deliver pending announcements, then stop the broker, then the store.
            if (server != null) {
                server.stop();
            }
            if (tick != null) {
                tick.stop();
            }
            if (ingest != null) {
                ingest.stop();
            }
            if (feed != null) {
                feed.stop();
            }
            root.engine().outbox().close(); // sends what the outbox holds while the broker still runs
            root.get(Key.get(ScoreEventSink.class)).close();
            broker.stop();
            root.close();
            out.println("stopped");
            out.flush();
            stopped.countDown();
            if (!signalled.isDone()) {
                removeHook(hook);
            }
        }
        if (ingest.finished().isCompletedExceptionally()) {
            spec.commandLine().getErr().println("error: ingest stopped: " + ingest.finished().handle((v, e) -> e.getMessage()).join());
            return ExitCodes.ERROR;
        }
        return ExitCodes.OK;
    }

    /** Plain HTTP on loopback; anywhere else TLS, unless --insecure-http says otherwise. */
    private HttpSettings httpSettings() {
        if ((tlsCert == null) != (tlsKey == null)) {
            throw new UsageException("--tls-cert and --tls-key must be given together, but only "
                    + (tlsCert == null ? "--tls-key" : "--tls-cert") + " was");
        }
        HttpSettings.Tls tls = tlsCert == null ? null : new HttpSettings.Tls(tlsCert, tlsKey);
        if (tls != null) {
            tls.keyStore(); // a bad file is refused before anything starts
        }
        if (tls == null && !insecureHttp && !isLoopback(bind)) {
            throw new UsageException("--bind '" + bind + "' must be a loopback address when serving plain HTTP, but"
                    + " is not: give --tls-cert and --tls-key to serve HTTPS, or --insecure-http to serve HTTP anyway");
        }
        return new HttpSettings(bind, port, tls);
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new UsageException("--bind '" + address + "' must be an address or a known host name, but was not: "
                    + e.getMessage());
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
    }
}
