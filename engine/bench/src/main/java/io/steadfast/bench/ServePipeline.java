package io.steadfast.bench;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.steadfast.app.Engine;
import io.steadfast.app.DefinitionService;
import io.steadfast.app.Settings;
import io.steadfast.app.ingest.IngestLoop;
import io.steadfast.cli.wiring.ConnectorsModule;
import io.steadfast.cli.wiring.IngestModule;
import io.steadfast.cli.wiring.KafkaClusterModule;
import io.steadfast.cli.wiring.SteadfastModule;
import io.steadfast.connectors.kafka.EmbeddedKafka;
import io.steadfast.model.Dependency;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.Store;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * For the Kafka benchmarks: the engine wired as {@code steadfast serve} wires it (store, Kafka
 * connector, ingest loop), with an organisation of registered services, and a temporary directory
 * of its own (its data directory) that it deletes on close.
 *
 * <p>{@link #ServePipeline(List)} is a whole installation: an embedded broker and an H2 file store of
 * its own. {@link #joining} is one more engine instance on a broker and a store that others share, as
 * one more {@code serve --kafka-bootstrap B --db-url U} would be.
 *
 * <p>{@code -Dkafka.properties=FILE} adds client settings, as {@code serve --kafka-properties} does.
 *
 * <p>A service has the shape of {@link OrgRescoreBenchmark}'s (30 test instances of the shipped
 * {@code recommended} suite). Results come in runs, as a runner sends them: one run holds a result
 * for each test instance of one service, with a random (version 4) UUID as its id.
 */
final class ServePipeline implements AutoCloseable {

    private static final String[] TIERS = {"tier-1", "tier-2", "tier-3", "tier-4"};

    final Path dir;
    final EmbeddedKafka broker;
    final Injector injector;
    final Engine engine;
    final List<ServiceDefinition> services;
    private final boolean ownsBroker;
    private final Settings settings;
    private IngestLoop ingest;

    /** With these services registered, on a broker and an H2 file store of its own. */
    ServePipeline(List<ServiceDefinition> services) throws IOException {
        this(Files.createTempDirectory("steadfast-kafka-bench-"), null, null, Map.of(), Map.of(), services);
    }

    /**
     * One more engine instance on a running broker and a store that others share.
     *
     * @param db            the store: {@code STEADFAST_DB_USER} and {@code STEADFAST_DB_PASSWORD} (or
     *                      {@code _FILE}) as {@code serve} reads them
     * @param kafkaSettings connector and client settings over {@code -Dkafka.properties}, e.g. the group
     * @param register      the services to register (none when another instance registered them)
     */
    static ServePipeline joining(EmbeddedKafka broker, String dbUrl, Map<String, String> db,
                                 Map<String, String> kafkaSettings, List<ServiceDefinition> register)
            throws IOException {
        return new ServePipeline(Files.createTempDirectory("steadfast-kafka-bench-"), broker, dbUrl, db,
                kafkaSettings, register);
    }

    private ServePipeline(Path dir, EmbeddedKafka sharedBroker, String dbUrl, Map<String, String> db,
                          Map<String, String> kafkaSettings, List<ServiceDefinition> services) throws IOException {
        Path root = repoRoot();
        this.dir = dir;
        this.ownsBroker = sharedBroker == null;
        if (ownsBroker) {
            broker = EmbeddedKafka.onFreePort(dir.resolve("kafka"));
            broker.start();
        } else {
            broker = sharedBroker;
        }
        settings = Settings.resolve(dir.resolve("data"), dbUrl, root.resolve("test-suites"),
                root.resolve("scoring-rules"), db);
        injector = Guice.createInjector(new SteadfastModule(settings, Clock.systemUTC()),
                new KafkaClusterModule(broker.bootstrapServers(), kafkaProperties(dir, broker, kafkaSettings)),
                new ConnectorsModule(), new IngestModule());
        engine = injector.getInstance(Engine.class);
        injector.getInstance(DefinitionService.class).current();
        this.services = List.copyOf(services);
        for (ServiceDefinition service : services) {
            engine.store().registerService(service, null, ServiceOrigin.FILE);
        }
    }

    /** The broker's credential, {@code -Dkafka.properties} over it and {@code settings} over both, as a file in {@code dir}. */
    private static Path kafkaProperties(Path dir, EmbeddedKafka broker, Map<String, String> settings)
            throws IOException {
        String base = System.getProperty("kafka.properties");
        Properties merged = new Properties();
        merged.putAll(broker.clientProperties());
        if (base != null) {
            try (Reader reader = Files.newBufferedReader(Path.of(base))) {
                merged.load(reader);
            }
        }
        merged.putAll(settings);
        Path file = dir.resolve("kafka.properties");
        try (Writer writer = Files.newBufferedWriter(file)) {
            merged.store(writer, "benchmark instance");
        }
        return file;
    }

    ResultSink sink() {
        return injector.getInstance(ResultSink.class);
    }

    /** Starts ingesting, as {@code serve} does once the broker runs. */
    void startIngest() {
        ingest = injector.getInstance(IngestLoop.class);
        ingest.start();
    }

    /** The size of the H2 store's file (0 on PostgreSQL), as it stands: old page copies not yet reused included. */
    long storeFileBytes() {
        try (var files = Files.list(settings.dataDir())) {
            return files.filter(f -> f.getFileName().toString().endsWith(".mv.db")).mapToLong(f -> f.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("store file in '" + settings.dataDir() + "' cannot be listed", e);
        }
    }

    /** Results stored, counted in the store's own table. */
    long storedResults() {
        String url = settings.dbUrl() != null ? settings.dbUrl() : Store.defaultUrl(settings.dataDir());
        try (Connection c = DriverManager.getConnection(url, settings.dbUser(), settings.dbPassword());
             Statement s = c.createStatement();
             ResultSet rows = s.executeQuery("SELECT COALESCE(SUM(result_count), 0) FROM result_blocks")) {
            rows.next();
            return rows.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("stored results cannot be counted: " + e.getMessage(), e);
        }
    }

    /** Stops ingesting (the batch in hand is stored and committed), then everything it started. */
    @Override
    public void close() {
        try {
            if (ingest != null) {
                ingest.stop();
            }
            sink().close();
            engine.outbox().close(); // sends what the outbox holds while the broker still runs
            injector.getInstance(ScoreEventSink.class).close();
            if (ownsBroker) {
                broker.stop();
            }
            engine.close();
        } finally {
            deleteTree(dir);
        }
    }

    static List<ServiceDefinition> services(int size) {
        List<ServiceDefinition> services = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String id = String.format(Locale.ROOT, "svc-%06d", i);
            List<Instance> instances = new ArrayList<>();
            for (int k = 0; k < 6; k++) {
                instances.add(new Instance(id + "-" + k, "zone-" + (k % 3), null, null, null));
            }
            List<Dependency> dependencies = new ArrayList<>();
            for (int k = 0; k < 10; k++) {
                dependencies.add(new Dependency("dep-" + k, "dep-" + k + ".internal:443", k < 4, null));
            }
            services.add(new ServiceDefinition(id, null, "team-" + (i / 50), TIERS[i % TIERS.length], "production",
                    Map.of(), null, List.of(), instances, dependencies));
        }
        return services;
    }

    /** The (test, target) pairs the service's standard expands to: 30 for the shape above. */
    static List<String[]> instancesOf(ServiceDefinition service) {
        List<String[]> targets = new ArrayList<>();
        for (String test : List.of("cpu", "memory", "host")) {
            targets.add(new String[] {test, ""});
        }
        for (String zone : service.zones()) {
            targets.add(new String[] {"zone", zone});
        }
        for (Dependency dependency : service.dependencies()) {
            targets.add(new String[] {"dependency-failure", dependency.id()});
            targets.add(new String[] {"dependency-latency", dependency.id()});
            if (dependency.tls()) {
                targets.add(new String[] {"certificate-expiry", dependency.id()});
            }
        }
        return targets;
    }

    /** One result of a run: mostly PASSED, some DEGRADED, FAILED, HALTED, ERROR and SKIPPED. */
    static ResultEvent result(SplittableRandom random, ServiceDefinition service, String test, String target,
                              Instant finishedAt) {
        int roll = random.nextInt(100);
        ResultStatus status = roll < 78 ? ResultStatus.PASSED : roll < 86 ? ResultStatus.DEGRADED
                : roll < 92 ? ResultStatus.FAILED : roll < 95 ? ResultStatus.HALTED
                : roll < 98 ? ResultStatus.ERROR : ResultStatus.SKIPPED;
        int probes = status == ResultStatus.PASSED ? 60 : random.nextInt(60);
        return new ResultEvent(ResultEvent.SCHEMA_VERSION, new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L).toString(), service.id(),
                "recommended", test, target, status, finishedAt.minusSeconds(300), finishedAt,
                "1.4." + random.nextInt(3), "production", "steadfast-runner",
                "run-" + finishedAt.getEpochSecond(), new Measurements(1200L, 8400L, probes, 60),
                service.id() + " " + status.name().toLowerCase(Locale.ROOT) + " " + test);
    }

    static Path repoRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("test-suites"))) {
                return dir;
            }
        }
        throw new IllegalStateException("the working directory must be inside the repository (a folder holding"
                + " test-suites/), but was " + Path.of("").toAbsolutePath());
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
