package io.steadfast.store;

import io.steadfast.gate.GateDecision;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.model.Waiver;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.internal.ApiDao;
import io.steadfast.store.internal.Database;
import io.steadfast.store.internal.DefinitionDao;
import io.steadfast.store.internal.HistoryDao;
import io.steadfast.store.internal.LatestReads;
import io.steadfast.store.internal.OutboxDao;
import io.steadfast.store.internal.ResultDao;
import io.steadfast.store.internal.ResultIds;
import io.steadfast.store.internal.StoreCredential;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.random.RandomGenerator;
import org.h2.engine.SysProperties;

/**
 * Steadfast's durable state: results and their retractions, the latest counted result per group
 * (the scorer's input), registered services, waivers, score history and the gate-decision audit
 * trail. Backed by an embedded H2 file database or PostgreSQL, migrated with Flyway on
 * {@link #open}, pooled with Hikari.
 *
 * <p><b>Threading:</b> thread-safe. Every method runs in its own transaction on a pooled
 * connection, so it either happens completely or not at all. Several processes may share one
 * database (H2 with {@code AUTO_SERVER=TRUE}, see {@link #defaultUrl}, or PostgreSQL).
 *
 * <p><b>Errors:</b> {@link StoreUnavailableException} when trying again may help (the database is
 * unreachable, a lock timed out), {@link StoreException} otherwise.
 *
 * <p><b>Lifecycle:</b> open once per process, share, {@link #close} at shutdown.
 */
public final class Store implements DefinitionStore, HistoryStore, TokenStore, AutoCloseable {

    private static final String H2_BIND_ADDRESS = "h2.bindAddress";

    static {
        // before H2 loads: the server AUTO_SERVER starts listens on loopback only (see defaultUrl)
        if (!isLoopback(System.getProperty(H2_BIND_ADDRESS))) {
            System.setProperty(H2_BIND_ADDRESS, "127.0.0.1");
        }
    }

    private final Database db;
    private final RandomGenerator random;
    private final ResultDao resultDao = new ResultDao(new ResultIds());
    private final DefinitionDao definitionDao = new DefinitionDao();
    private final HistoryDao historyDao = new HistoryDao();
    private final ApiDao apiDao = new ApiDao();
    private final OutboxDao outboxDao = new OutboxDao();
    /**
     * The fold's open transaction while its {@code beforeCommit} runs on this thread: snapshots (and
     * their announcements) recorded then are written in it, so they commit or roll back with the fold.
     */
    private final ThreadLocal<Connection> foldTransaction = new ThreadLocal<>();
    private final LatestReads latestReads;
    private final RunLeases runLeases;

    private Store(Database db, RandomGenerator random) {
        this.db = db;
        this.random = random;
        this.latestReads = new LatestReads(db, resultDao);
        this.runLeases = new RunLeases(db);
    }

    /**
     * Opens (and migrates with Flyway) the database at a JDBC URL; user and password may be null.
     *
     * @throws StoreUnavailableException when the database cannot be reached
     * @throws StoreException            when it refuses the credentials or the migration fails
     */
    public static Store open(String jdbcUrl, String user, String password) {
        return open(jdbcUrl, user, password, new SecureRandom());
    }

    /** As {@link #open(String, String, String)}, with the randomness used for waiver ids passed in. */
    public static Store open(String jdbcUrl, String user, String password, RandomGenerator random) {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        return new Store(Database.open(jdbcUrl, user, password), Objects.requireNonNull(random, "random"));
    }

    /**
     * The default embedded H2 file database under {@code dataDir} (created if missing), openable by
     * several processes at once ({@code AUTO_SERVER=TRUE}: the first process serves the others over
     * a loopback TCP port), so the CLI works while {@code steadfast serve} runs on the same data
     * directory.
     *
     * <p>Only the directory's user can open it: the directory is made private first
     * ({@link DataDirectory#secure}), the server listens on loopback only ({@code h2.bindAddress}, set
     * before H2 loads), and the database requires the directory's random credential, which this URL
     * carries ({@code PASSWORD=}, from {@code store.credential}; made on first use, and set on a
     * database made before with H2's default credential).
     *
     * <p>Pages are small and not compressed ({@code PAGE_SIZE=4096}, no {@code COMPRESS}): H2 writes
     * every page a transaction changed anew on each commit. Ingesting 1,000,000 results left a file of
     * 491 bytes a result at 4 KiB pages and 695 at H2's default of 16 KiB, at the same speed within the
     * noise (31,500 and 33,400 results/s). Compressed pages, which H2 splits at 64 KiB, made every
     * commit dearer when last measured.
     *
     * <p>The page cache ({@code CACHE_SIZE}) must hold the organisation's latest results and their
     * primary-key index, which a rescore walks end to end: when they do not fit, every rescore reads
     * and decodes the pages again and churns the cache through the garbage collector, and the cost per
     * service doubles or worse (30,000 services under a 512 MiB cache: the read took 2 to 3 times as
     * much CPU, plus seconds of GC per rescore). H2 counts the cache in its own estimate of a page's
     * memory, which for these rows is about six times what the heap really holds (900,000 latest rows
     * of 30,000 services: 2.7 GB by its count, 0.46 GB of heap), so the cache is set to 1.25 times
     * the heap by that count, at least H2's default 16 MiB: at {@code -Xmx8g} it holds the latest
     * results of 100,000 services (about 9 GB by H2's count, 1.5 GB of heap).
     *
     * <p>{@code WRITE_DELAY=0}: each commit is written to the file before it returns. At H2's default
     * (500 ms) a commit is only written by a background thread later, so a process killed in between
     * loses transactions it reported committed, and ingest would already have committed their Kafka
     * offsets ({@code ServeCrashIntegrationTest} lost ~0.5% of 100,000 results that way).
     */
    public static String defaultUrl(Path dataDir) {
        Path dir = DataDirectory.secure(dataDir);
        requireLoopbackServer();
        long cacheKiB = Math.max(16 * 1024, Runtime.getRuntime().maxMemory() / 1024 / 4 * 5);
        String url = "jdbc:h2:file:" + dir.resolve("steadfast").toString().replace('\\', '/')
                + ";AUTO_SERVER=TRUE;WRITE_DELAY=0;LOCK_TIMEOUT=10000;PAGE_SIZE=4096;CACHE_SIZE=" + cacheKiB;
        return url + ";PASSWORD=" + StoreCredential.of(dir, url);
    }

    /** H2 reads {@code h2.bindAddress} once, when it loads: had it loaded before this class, its server would listen on every interface. */
    private static void requireLoopbackServer() {
        String bound = SysProperties.BIND_ADDRESS;
        if (!isLoopback(bound)) {
            throw new StoreException("H2's system property '" + H2_BIND_ADDRESS + "' must be a loopback address when"
                    + " H2 loads, so that the store's server listens on this machine only, but was '" + bound
                    + "' (set -D" + H2_BIND_ADDRESS + "=127.0.0.1)");
        }
    }

    private static boolean isLoopback(String address) {
        try {
            return address != null && !address.isBlank() && InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    // ---- results

    /**
     * Stores a batch of results in one transaction, idempotently by {@code resultId}: an id already
     * stored with identical content is a duplicate (a no-op), with different content a conflict
     * (reported, not stored); the rest of the batch is stored. Then folds every stored result into the
     * latest counted results ({@link #foldPending}), so that they count when this returns. If the
     * database rejects any row, nothing of the batch is stored and the call throws.
     */
    public IngestOutcome storeResults(List<ResultEvent> results, Instant receivedAt) {
        IngestOutcome outcome = ingestResults(results, receivedAt);
        foldPending(receivedAt, latest -> { });
        return outcome;
    }

    /**
     * {@link #storeResults} without the fold: the results are stored (and found by {@link #result} and
     * {@link #results}) when this returns, but count in {@link #latestCountedResults} only once
     * {@link #foldPending} has run. Ingest's way: its transactions then hold nothing but the results.
     */
    public IngestOutcome ingestResults(List<ResultEvent> results, Instant receivedAt) {
        Objects.requireNonNull(receivedAt, "receivedAt");
        List<ResultEvent> batch = List.copyOf(results);
        if (batch.isEmpty()) {
            return new IngestOutcome(0, 0, List.of());
        }
        return db.inTransaction("storing " + batch.size() + " result(s)", true,
                c -> resultDao.store(c, batch, receivedAt));
    }

    /**
     * Results folded per transaction, about (whole blocks): the seconds of a backlog's ingest between
     * two folds, so that one fold takes in several batches of each service at once; decoded, they take
     * up to about 150 MB of heap while the fold runs.
     */
    private static final long FOLD_RESULTS = 500_000;

    /**
     * Folds every stored result not folded yet into the latest counted results, in transactions of
     * about {@value #FOLD_RESULTS} results, one fold at a time across processes. Before each transaction
     * commits, {@code beforeCommit} gets the latest counted results of the services it reached, as
     * they will stand (each list ordered as {@link #latestCountedResults}): what it does with them (record
     * scores) is done again if the fold does not commit, never skipped.
     *
     * <p>A service's blocks that the database refuses, or that do not decode, are set aside (at
     * {@code now}, with the reason; see {@link #setAsideBlocks}) and the fold goes on with the other
     * services. A failure of {@code beforeCommit}, or one worth trying again, sets nothing aside: the
     * fold throws and folds the same blocks the next time.
     */
    public FoldOutcome foldPending(Instant now, Consumer<Map<String, List<ResultEvent>>> beforeCommit) {
        Objects.requireNonNull(now, "now");
        long folded = 0;
        List<SetAsideBlock> setAside = new ArrayList<>();
        for (boolean more = true; more; ) {
            ResultDao.Folded fold = db.inTransaction("folding stored results", c -> {
                ResultDao.Folded f = resultDao.fold(c, FOLD_RESULTS, now);
                if (!f.latest().isEmpty()) {
                    inFold(c, () -> beforeCommit.accept(f.latest()));
                }
                return f;
            });
            folded += fold.results();
            setAside.addAll(fold.setAside());
            more = fold.more();
        }
        return new FoldOutcome(folded, setAside);
    }

    private void inFold(Connection c, Runnable beforeCommit) {
        foldTransaction.set(c);
        try {
            beforeCommit.run();
        } finally {
            foldTransaction.remove();
        }
    }

    /** Runs work in the fold's transaction when called from its {@code beforeCommit}, else in a transaction of its own. */
    private <T> T inFoldOrTransaction(String what, Database.Work<T> work) {
        Connection fold = foldTransaction.get();
        if (fold == null) {
            return db.inTransaction(what, work);
        }
        try {
            return work.run(fold);
        } catch (SQLException e) {
            throw Database.translate(what, e);
        }
    }

    /** The blocks the fold set aside and that were not replayed since, oldest first. */
    public List<SetAsideBlock> setAsideBlocks() {
        return db.inTransaction("reading the blocks set aside", resultDao::setAsideBlocks);
    }

    /** How many blocks are set aside ({@link #setAsideBlocks}). */
    public long setAsideCount() {
        return db.inTransaction("counting the blocks set aside", resultDao::setAsideCount);
    }

    /**
     * Folds a block set aside again, as {@link #foldPending} would (handing {@code beforeCommit} its
     * service's latest counted results), and no longer keeps it aside: for once what stopped it is
     * fixed, e.g. the result the database refused is retracted.
     *
     * @return how many results it folded; empty when no block is set aside under that number
     * @throws StoreException when it fails to fold again; it then stays set aside
     */
    public Optional<Long> replaySetAside(long block, Consumer<Map<String, List<ResultEvent>>> beforeCommit) {
        return db.inTransaction("folding again the block " + block + " set aside", c -> {
            Optional<ResultDao.Folded> f = resultDao.replay(c, block);
            f.ifPresent(folded -> inFold(c, () -> beforeCommit.accept(folded.latest())));
            return f.map(ResultDao.Folded::results);
        });
    }

    /**
     * When the oldest stored result that does not count yet was received (one the fold has not reached,
     * or, of these services or of all when empty, one set aside): the latest counted results hold
     * everything received before it. Empty when every stored result counts.
     */
    public Optional<Instant> oldestUncounted(Collection<String> servicesOrEmptyForAll) {
        return db.inTransaction("reading the oldest result not counted yet",
                c -> resultDao.oldestUncounted(c, servicesOrEmptyForAll));
    }

    /** How many stored blocks of results the fold has not reached yet (a block: one service's results of one batch). */
    public long foldLag() {
        return db.inTransaction("reading the fold's lag", resultDao::foldLag);
    }

    /** The result stored under an id, once it is folded into the latest counted results (see {@link #foldPending}). */
    public Optional<ResultEvent> foldedResult(String resultId) {
        return db.inTransaction("reading result '" + resultId + "'", c -> resultDao.findFolded(c, resultId));
    }

    /** All results of a service, any status, retracted ones included, by finishedAt then resultId. */
    public List<ResultEvent> results(String service) {
        return db.inTransaction("reading results of service '" + service + "'", c -> resultDao.ofService(c, service));
    }

    /**
     * How many results the service has, retracted ones included: results are never deleted or changed,
     * so an unchanged count means an unchanged {@link #results} list.
     */
    public long resultCount(String service) {
        return db.inTransaction("counting results of service '" + service + "'",
                c -> resultDao.countOfService(c, service));
    }

    /** The results stored under these ids, by id (one read for all); ids with none are left out. */
    public Map<String, ResultEvent> results(Collection<String> resultIds) {
        return resultIds.isEmpty() ? Map.of() : db.inTransaction("reading " + resultIds.size() + " result(s)",
                c -> resultDao.find(c, resultIds));
    }

    public Optional<ResultEvent> result(String resultId) {
        return db.inTransaction("reading result '" + resultId + "'", c -> resultDao.find(c, resultId));
    }

    /** The ids of the service's retracted results. */
    public Set<String> retractedIds(String service) {
        return db.inTransaction("reading retractions of service '" + service + "'",
                c -> resultDao.retractedIds(c, service));
    }

    /**
     * How many retractions there are, of every service: a retraction is never undone or removed, so an
     * unchanged count means that no service's {@link #retractedIds} changed.
     */
    public long retractionCount() {
        return db.inTransaction("counting retractions", resultDao::retractionCount);
    }

    /** The service's retractions, oldest first. */
    public List<Retraction> retractions(String service) {
        return db.inTransaction("reading retractions of service '" + service + "'",
                c -> resultDao.retractions(c, service));
    }

    /**
     * Retracts a result: it is kept and shown, but no longer counts; its group's latest counted
     * result is recomputed.
     *
     * @throws StoreException when no result has this id, or it was already retracted
     */
    public Retraction retract(String resultId, String reason, String by, Instant at) {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(by, "by");
        Objects.requireNonNull(at, "at");
        return db.inTransaction("retracting result '" + resultId + "'", true,
                c -> resultDao.retract(c, resultId, reason, by, at));
    }

    /**
     * For scoring at "now": per service, the latest counted (status not ERROR or SKIPPED), not
     * retracted result of each (suite, test, target, source, environment, serviceVersion) group,
     * maintained incrementally on insert and retract. Keys are sorted service ids; every requested
     * service is a key (with an empty list when it has none); an empty argument means all services
     * that have any. Lists are ordered by suite, test, target, then finishedAt.
     *
     * <p>Holds all the rows at once: to go through an organisation, use {@link #forEachServiceLatest}.
     */
    public Map<String, List<ResultEvent>> latestCountedResults(Collection<String> servicesOrEmptyForAll) {
        Map<String, List<ResultEvent>> byService = new TreeMap<>();
        forEachServiceLatest(servicesOrEmptyForAll, byService::put);
        return Collections.unmodifiableMap(new LinkedHashMap<>(byService));
    }

    /**
     * The results of {@link #latestCountedResults(Collection)}, streamed: the consumer is called once
     * per service, with that service's complete, ordered, unmodifiable list, as soon as it is read, so
     * only one page of rows (a few thousand) is held at a time besides what the consumer keeps.
     *
     * <p>Order: the services that have rows first, in the database's order of their ids (for most of
     * the organisation, a walk along {@code service_results}' primary key) or in id order (for a few
     * services, looked up in short lists); then each requested service that has none, in id order,
     * with an empty list. An empty argument means all services that have any rows.
     *
     * <p><b>Transactions:</b> the rows are read a page at a time, each page in its own short
     * transaction, after the last key read; the consumer runs between them on the calling thread,
     * holding no connection, and may call the store. Each service's rows come from one moment, but
     * two services may be read at different moments when results are stored meanwhile. An exception
     * from the consumer ends the read and propagates as is.
     */
    public void forEachServiceLatest(Collection<String> servicesOrEmptyForAll,
                                     BiConsumer<String, List<ResultEvent>> consumer) {
        latestReads.forEachService(servicesOrEmptyForAll, consumer);
    }

    /** {@link #latestCountedResults(Collection)} for one service. */
    public List<ResultEvent> latestCountedResults(String service) {
        return latestCountedResults(List.of(service)).get(service);
    }

    // ---- services

    /**
     * Registers a service, or replaces its definition, source text and origin when its id is already
     * registered.
     */
    @Override
    public void registerService(ServiceDefinition service, String sourceText, ServiceOrigin origin) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(origin, "origin");
        db.inTransaction("registering service '" + service.id() + "'", true, c -> {
            definitionDao.upsertService(c, service, sourceText, origin);
            return null;
        });
    }

    /** Where the registered service came from: an admin's file, or the API. */
    @Override
    public Optional<ServiceOrigin> serviceOrigin(String id) {
        return db.inTransaction("reading service '" + id + "'", c -> definitionDao.serviceOrigin(c, id));
    }

    @Override
    public Optional<ServiceDefinition> service(String id) {
        return db.inTransaction("reading service '" + id + "'", c -> definitionDao.service(c, id));
    }

    /** The registered services among {@code ids} (one read for all), in no particular order. */
    @Override
    public List<ServiceDefinition> services(Collection<String> ids) {
        return ids.isEmpty() ? List.of()
                : db.inTransaction("reading " + ids.size() + " service(s)", c -> definitionDao.services(c, ids));
    }

    /** The text the service was registered from, when it was given. */
    @Override
    public Optional<String> serviceSource(String id) {
        return db.inTransaction("reading service '" + id + "'", c -> definitionDao.serviceSource(c, id));
    }

    /** All registered services, sorted by id. */
    @Override
    public List<ServiceDefinition> services() {
        return db.inTransaction("reading services", definitionDao::services);
    }

    // ---- waivers

    /** Stores a waiver under a new id ({@code w-} and 10 hex digits; any id it carries is ignored) and returns it with that id. */
    @Override
    public Waiver addWaiver(Waiver waiver, Instant createdAt) {
        Objects.requireNonNull(waiver, "waiver");
        Objects.requireNonNull(createdAt, "createdAt");
        return db.inTransaction("adding a waiver for service '" + waiver.service() + "'", true, c -> {
            Waiver stored = new Waiver(newWaiverId(), waiver.service(), waiver.test(), waiver.target(),
                    waiver.reason(), waiver.approvedBy(), waiver.expiresAt());
            definitionDao.insertWaiver(c, stored, createdAt);
            return stored;
        });
    }

    /** Waivers not revoked, of one service or of all (null); expired ones included, the scorer decides. */
    @Override
    public List<Waiver> waivers(String serviceOrNull) {
        return db.inTransaction("reading waivers", c -> definitionDao.activeWaivers(c, serviceOrNull));
    }

    /** @throws StoreException when no waiver has this id, or it was already revoked */
    @Override
    public void revokeWaiver(String id, String by, Instant at) {
        Objects.requireNonNull(at, "at");
        db.inTransaction("revoking waiver '" + id + "'", c -> {
            definitionDao.revokeWaiver(c, id, by, at);
            return null;
        });
    }

    private synchronized String newWaiverId() {
        byte[] bytes = new byte[5];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return "w-" + HexFormat.of().formatHex(bytes);
    }

    // ---- score history

    /**
     * Records a snapshot when its rounded score or verdict differs from the service's last one.
     * Two processes recording the same change at the same moment may both write it.
     *
     * @return whether it was written
     */
    @Override
    public boolean recordSnapshot(ScoreSnapshot snapshot) {
        Objects.requireNonNull(snapshot, "snapshot");
        return db.inTransaction("recording a score snapshot of service '" + snapshot.service() + "'", c -> {
            if (!snapshot.differsFrom(historyDao.lastSnapshot(c, snapshot.service()).orElse(null))) {
                return false;
            }
            historyDao.insertSnapshot(c, snapshot);
            return true;
        });
    }

    /**
     * {@link #recordSnapshots(List)}, writing beside each snapshot written its announcement (the JSON
     * {@code announcement} gives, under a new stable event id) to the outbox ({@link #outbox}), in the
     * same transaction: the fold's when called from its {@code beforeCommit} (see {@link #foldPending}),
     * so that a fold that rolls back leaves neither. {@code announcement} null: none.
     *
     * @return the snapshots written, in the given order
     */
    @Override
    public List<ScoreSnapshot> recordSnapshots(List<ScoreSnapshot> snapshots,
                                               Function<ScoreSnapshot, String> announcement, Instant now) {
        List<ScoreSnapshot> batch = List.copyOf(snapshots);
        if (batch.isEmpty()) {
            return List.of();
        }
        if (announcement != null) {
            Objects.requireNonNull(now, "now");
        }
        return inFoldOrTransaction("recording " + batch.size() + " score snapshot(s)", c -> {
            List<ScoreSnapshot> written = new ArrayList<>();
            Map<String, Optional<ScoreSnapshot>> last = historyDao.lastSnapshots(c,
                    batch.stream().map(ScoreSnapshot::service).toList());
            for (ScoreSnapshot snapshot : batch) {
                if (snapshot.differsFrom(last.get(snapshot.service()).orElse(null))) {
                    historyDao.insertSnapshot(c, snapshot);
                    if (announcement != null) {
                        outboxDao.insert(c, snapshot.service(), UUID.randomUUID().toString(),
                                announcement.apply(snapshot), now);
                    }
                    written.add(snapshot);
                    last.put(snapshot.service(), Optional.of(snapshot));
                }
            }
            return written;
        });
    }

    // ---- outbox

    /** The first {@code limit} announcements waiting in the outbox, in the order they were written. */
    @Override
    public List<OutboxEntry> outbox(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("outbox limit must be > 0, but was " + limit);
        }
        return db.inTransaction("reading the outbox", c -> outboxDao.first(c, limit));
    }

    /** How many announcements wait in the outbox. */
    @Override
    public long outboxSize() {
        return db.inTransaction("counting the outbox", outboxDao::count);
    }

    /** Deletes announcements from the outbox (sent and acknowledged). */
    @Override
    public void deleteFromOutbox(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        db.inTransaction("deleting " + ids.size() + " announcement(s) from the outbox", c -> {
            outboxDao.delete(c, ids);
            return null;
        });
    }

    /**
     * The snapshots of many services since {@code from} (each with its last one at or before it, the
     * score then), oldest first, read in one transaction; a service without any has an empty list.
     */
    @Override
    public Map<String, List<ScoreSnapshot>> histories(List<String> services, Instant from) {
        return db.inTransaction("reading the history of " + services.size() + " services",
                c -> historyDao.histories(c, services, from));
    }

    /** The service's snapshots, oldest first. */
    @Override
    public List<ScoreSnapshot> history(String service) {
        return db.inTransaction("reading history of service '" + service + "'", c -> historyDao.history(c, service));
    }

    /**
     * A window of the service's snapshots, oldest first, read along the history's index: with
     * {@code from}, the last one at or before it (the score at that instant) and every later one; with
     * {@code to}, none after it; with a {@code limit} above 0, only the latest {@code limit} of those.
     * Either instant may be null.
     */
    @Override
    public List<ScoreSnapshot> history(String service, Instant from, Instant to, int limit) {
        return db.inTransaction("reading history of service '" + service + "'",
                c -> historyDao.history(c, service, from, to, limit));
    }

    // ---- gate decisions

    /** Records a gate decision with its full JSON, for audit; returns its id. */
    @Override
    public long recordGateDecision(GateDecision decision) {
        Objects.requireNonNull(decision, "decision");
        Objects.requireNonNull(decision.service(), "decision.service");
        Objects.requireNonNull(decision.at(), "decision.at");
        Objects.requireNonNull(decision.verdict(), "decision.verdict");
        Objects.requireNonNull(decision.outcome(), "decision.outcome");
        return db.inTransaction("recording a gate decision for service '" + decision.service() + "'",
                c -> historyDao.insertGateDecision(c, decision));
    }

    /** The service's recorded gate decisions, oldest first. */
    @Override
    public List<GateDecision> gateDecisions(String service) {
        return db.inTransaction("reading gate decisions of service '" + service + "'",
                c -> historyDao.gateDecisions(c, service));
    }

    // ---- API tokens and result posters

    /** Stores a new API token (its digest only). */
    @Override
    public void addToken(ApiToken token) {
        Objects.requireNonNull(token, "token");
        db.inTransaction("adding API token '" + token.id() + "'", c -> {
            apiDao.insertToken(c, token);
            return null;
        });
    }

    /** The token with this SHA-256 digest (hex), revoked or not. */
    @Override
    public Optional<ApiToken> tokenByDigest(String digest) {
        return db.inTransaction("reading an API token", c -> apiDao.tokenByDigest(c, digest));
    }

    /** Every API token, revoked ones included, oldest first. */
    @Override
    public List<ApiToken> tokens() {
        return db.inTransaction("reading API tokens", apiDao::tokens);
    }

    /** @return whether a valid token with this id was revoked */
    @Override
    public boolean revokeToken(String id, Instant at) {
        return db.inTransaction("revoking API token '" + id + "'", c -> apiDao.revokeToken(c, id, at));
    }

    /** Records which token posted these results over the API; a result keeps its first poster. */
    @Override
    public void recordPosters(Collection<String> resultIds, String tokenId, Instant at) {
        db.inTransaction("recording the poster of " + resultIds.size() + " result(s)", true, c -> {
            apiDao.insertPosters(c, resultIds, tokenId, at);
            return null;
        });
    }

    /** The id of the API token that posted a result, when it came over the API. */
    @Override
    public Optional<String> poster(String resultId) {
        return db.inTransaction("reading the poster of result '" + resultId + "'", c -> apiDao.poster(c, resultId));
    }

    /** The per-service run leases: one attacker per service among the engines sharing this store. */
    public RunLeases runLeases() {
        return runLeases;
    }

    /** Closes the connection pool. */
    @Override
    public void close() {
        db.close();
    }
}
