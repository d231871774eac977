package io.steadfast.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.CacheLoader;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.steadfast.definitions.ContentHash;
import io.steadfast.definitions.DefinitionError;
import io.steadfast.definitions.DefinitionLoader;
import io.steadfast.definitions.Definitions;
import io.steadfast.definitions.LoadResult;
import io.steadfast.definitions.StandardSelector;
import io.steadfast.gate.GateDecision;
import io.steadfast.gate.GateEvaluator;
import io.steadfast.gate.GateUsageException;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.model.Standard;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Waiver;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.scoring.ScoreRequest;
import io.steadfast.scoring.evidence.ResultHistory;
import io.steadfast.scoring.Scorer;
import io.steadfast.scoring.Verdict;
import io.steadfast.scoring.rollup.ServiceScore;
import io.steadfast.json.Json;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.event.GateEvent;
import io.steadfast.spi.event.ScoreEvent;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.FoldOutcome;
import io.steadfast.store.IngestOutcome;
import io.steadfast.store.ScoreSnapshot;
import io.steadfast.store.SetAsideBlock;
import io.steadfast.store.Store;
import io.steadfast.text.ControlCharacters;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The application's use cases over the store, the definitions and the pure scoring core: what the
 * CLI (and the HTTP API) call. Thread-safe.
 *
 * <p>Each score change it records (a history snapshot) is announced to the {@link ScoreEventSink}
 * ({@link ScoreEventSink#NONE} without a broker) through the store's outbox: written in the snapshot's
 * transaction, sent after commit by the {@link OutboxPublisher}. Each gate decision it records is then
 * announced directly.
 *
 * <p>Caches the scoring <em>inputs</em> (each service's definition and results, for a second; the
 * results read before, reused while the store's counts say they are unchanged) and what depends on the
 * definitions alone (their content hashes, the standard chosen for a service), never a score: a score
 * changes with time alone, so it is computed per request.
 */
@Singleton
public final class Engine {

    private static final Logger LOG = LoggerFactory.getLogger(Engine.class);
    /** Services whose snapshots {@link #rescoreAll} records per transaction. */
    private static final int TICK_SERVICES = 1_000;

    private final Settings settings;
    private final Store store;
    private final Clock clock;
    private final Scorer scorer;
    private final GateEvaluator gates;
    private final ScoreEventSink events;
    private final OutboxPublisher outbox;
    private final DefinitionLoader loader = new DefinitionLoader();
    /**
     * Read again in the background once half a second old, when asked for: a service asked for often
     * (a gate polled by CI) never has its requests wait for the store, and nothing is older than the
     * second all the same.
     */
    private final LoadingCache<String, Inputs> inputs;
    /**
     * Each service's results and retracted ids as last read, kept beyond the inputs' second and checked
     * against the store before reuse: results are only ever added, and retractions too, so while the
     * store counts as many results of the service, the results read before are still its results, and
     * while it counts as many retractions in all, the retracted ids read before are still its ones.
     */
    private final Cache<String, Read> reads = Caffeine.newBuilder()
            .maximumSize(10_000)
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();
    /**
     * Registered services, an input like the results: a service registered or changed by another
     * process is seen within a second, as its results are (and read again ahead, as they are).
     */
    private final LoadingCache<String, Optional<ServiceDefinition>> services;
    /**
     * Content hashes by the very definition object (weak keys compare by identity): a definition is
     * immutable, so its hash is computed once per load, not per gate decision.
     */
    private final Cache<Object, String> hashes = Caffeine.newBuilder().weakKeys().build();
    /** Each standard's suites, by the very standard object: they depend on the definitions alone. */
    private final Cache<Standard, Map<String, TestSuite>> suiteMaps = Caffeine.newBuilder().weakKeys().build();
    /** The standards chosen for each service definition object (cached for a second above) by environment. */
    private final Cache<ServiceDefinition, Selections> selections = Caffeine.newBuilder().weakKeys().build();
    private volatile Definitions definitions;
    private final FoldHealth foldHealth = new FoldHealth();

    @Inject
    public Engine(Settings settings, Store store, Clock clock, Scorer scorer, GateEvaluator gates,
                  ScoreEventSink events, CacheRefresh refresh) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.scorer = scorer;
        this.gates = gates;
        this.events = events;
        inputs = Caffeine.newBuilder()
                .executor(refresh)
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofSeconds(1))
                .refreshAfterWrite(Duration.ofMillis(500))
                .build(this::read);
        services = Caffeine.newBuilder()
                .executor(refresh)
                .maximumSize(100_000)
                .expireAfterWrite(Duration.ofSeconds(1))
                .refreshAfterWrite(Duration.ofMillis(500))
                .build(new CacheLoader<>() {
                    @Override
                    public Optional<ServiceDefinition> load(String id) {
                        return store.service(id);
                    }

                    @Override
                    public Map<String, Optional<ServiceDefinition>> loadAll(Set<? extends String> ids) {
                        Map<String, Optional<ServiceDefinition>> loaded = new HashMap<>();
                        ids.forEach(id -> loaded.put(id, Optional.empty()));
                        store.services(List.copyOf(ids)).forEach(service -> loaded.put(service.id(), Optional.of(service)));
                        return loaded;
                    }
                });
        this.outbox = new OutboxPublisher(store, events, clock);
    }

    /** What a score is asked for. All fields are optional. */
    public record ScoreQuery(Instant at, String version, String environment, Standard whatIf) {

        public static final ScoreQuery NOW = new ScoreQuery(null, null, null, null);
    }

    /** A score with the definitions it used, so a gate can name their hashes. */
    public record Evaluation(ScoreReport report, Standard standard, Map<String, TestSuite> suites) {
    }

    /** A service's results and retracted ids, with the count of retractions in all when they were read. */
    private record Read(ResultHistory results, long retractions, Set<String> retracted) {
    }

    /** The standards chosen for a service among {@code standards}, by the environment asked (empty: its own). */
    private record Selections(Map<String, Standard> standards,
                              ConcurrentHashMap<Optional<String>, StandardSelector.Selection> byEnvironment) {
    }

    /** A service's scoring inputs, as cached: its results indexed once per load. */
    private record Inputs(ResultHistory results, Set<String> retracted, List<Waiver> waivers) {

        Inputs(List<ResultEvent> results, Set<String> retracted, List<Waiver> waivers) {
            this(ResultHistory.of(results), retracted, waivers);
        }
    }

    public Store store() {
        return store;
    }

    /** The publisher that sends this engine's score announcements from the store's outbox. */
    public OutboxPublisher outbox() {
        return outbox;
    }

    /** Delivers the announcements still pending (the outbox's, then the gate decisions'), then closes the store. */
    public void close() {
        try {
            outbox.close();
            events.close();
        } finally {
            store.close();
        }
    }

    /** The engine's clock (the one bound at wiring), for what judges time beside it: run leases, loops. */
    public Clock clock() {
        return clock;
    }

    public Instant now() {
        return clock.instant();
    }

    /** The suites and standards under the configured directories; a load error is a usage error. */
    public Definitions definitions() {
        Definitions loaded = definitions;
        if (loaded == null) {
            settings.requireDefinitionDirs();
            loaded = requireOk(loader.load(List.of(settings.suitesDir(), settings.rulesDir()))).definitions();
            definitions = loaded;
        }
        return loaded;
    }

    /**
     * Loads the suites and standards again and, when they load without error, uses them from now on;
     * otherwise keeps the ones in use and throws every error at once.
     */
    public Definitions reloadDefinitions() {
        settings.requireDefinitionDirs();
        Definitions loaded = requireOk(loader.load(List.of(settings.suitesDir(), settings.rulesDir()))).definitions();
        definitions = loaded;
        inputs.invalidateAll();
        return loaded;
    }

    /** Resolves {@code --standard FILE-or-ID}: a standard of the loaded rules, or a file loaded beside them. */
    public Standard standard(String fileOrId) {
        Standard known = definitions().standards().get(fileOrId);
        if (known != null) {
            return known;
        }
        Path file = Path.of(fileOrId);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("standard '" + fileOrId + "' must be a standard id or a file, but was neither"
                    + " (known standards: " + String.join(", ", definitions().standards().keySet().stream()
                    .sorted().toList()) + ")");
        }
        LoadResult withFile = requireOk(loader.load(List.of(settings.suitesDir(), settings.rulesDir(), file)));
        List<Standard> fromFile = withFile.definitions().standards().values().stream()
                .filter(s -> !definitions().standards().containsKey(s.id())).toList();
        if (fromFile.size() != 1) {
            throw new UsageException("file '" + file + "' must define exactly one new standard, but defined "
                    + fromFile.size());
        }
        return fromFile.get(0);
    }

    /** Parses and validates the services of a YAML text, against the loaded standards. Stores nothing. */
    public List<ServiceDefinition> parseServices(String origin, String text) {
        Definitions parsed = requireOk(loader.loadText(origin, text)).definitions();
        if (parsed.services().isEmpty() || !parsed.suites().isEmpty() || !parsed.standards().isEmpty()
                || !parsed.waivers().isEmpty()) {
            throw new UsageException(origin + ": must hold only Service documents, and at least one");
        }
        List<String> problems = new ArrayList<>();
        for (ServiceDefinition service : parsed.services().values()) {
            if (service.standard() != null && !definitions().standards().containsKey(service.standard())) {
                problems.add(origin + ": service '" + service.id() + "': standard must be a known standard, but was '"
                        + service.standard() + "'");
            }
        }
        if (!problems.isEmpty()) {
            throw new UsageException(problems);
        }
        return List.copyOf(parsed.services().values());
    }

    /** Stores (or updates) a service parsed by {@link #parseServices}, with where it came from. */
    public void registerService(ServiceDefinition service, String sourceText, ServiceOrigin origin) {
        store.registerService(service, sourceText, origin);
        services.invalidate(service.id());
        inputs.invalidate(service.id());
    }

    /** Validates and stores the waivers of a YAML text. */
    public List<Waiver> addWaivers(String origin, String text) {
        Definitions parsed = requireOk(loader.loadText(origin, text)).definitions();
        if (parsed.waivers().isEmpty() || !parsed.services().isEmpty() || !parsed.suites().isEmpty()
                || !parsed.standards().isEmpty()) {
            throw new UsageException(origin + ": must hold only Waiver documents, and at least one");
        }
        return parsed.waivers().stream().map(this::addWaiver).toList();
    }

    /**
     * Stores a waiver for a test that a standard's suites have, expiring in the future but no later
     * than the policy's longest waiver.
     */
    public Waiver addWaiver(Waiver waiver) {
        if (!waiver.expiresAt().isAfter(now())) {
            throw new UsageException("waiver expiresAt must be in the future, but was " + waiver.expiresAt());
        }
        requireNoControlCharacters(List.of(
                ControlCharacters.problem("waiver service", waiver.service(), false),
                ControlCharacters.problem("waiver test", waiver.test(), false),
                ControlCharacters.problem("waiver target", waiver.target(), false),
                ControlCharacters.problem("waiver reason", waiver.reason(), true),
                ControlCharacters.problem("waiver approvedBy", waiver.approvedBy(), false)));
        Duration longest = settings.policy().maxWaiver();
        Instant latest = now().plus(longest);
        if (waiver.expiresAt().isAfter(latest)) {
            throw new UsageException("waiver expiresAt must be at most " + longest.toDays() + " days ahead ("
                    + latest + " at the latest; STEADFAST_MAX_WAIVER), but was " + waiver.expiresAt());
        }
        Set<String> tests = standardTests();
        if (!tests.contains(waiver.test())) {
            throw new UsageException("waiver test must be a test of a standard's suites (" + String.join(", ", tests)
                    + "), but was '" + waiver.test() + "'");
        }
        Waiver added = store.addWaiver(waiver, now());
        inputs.invalidate(waiver.service());
        snapshot(waiver.service());
        return added;
    }

    /** The ids of the tests in the suites of every loaded standard, sorted. */
    private Set<String> standardTests() {
        Definitions loaded = definitions();
        return loaded.standards().values().stream().flatMap(standard -> standard.suites().stream())
                .map(loaded.suites()::get).filter(Objects::nonNull)
                .flatMap(suite -> suite.tests().stream()).map(TestDefinition::id)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    public void revokeWaiver(String id, String by) {
        String service = store.waivers(null).stream().filter(w -> w.id().equals(id)).map(Waiver::service)
                .findFirst().orElseThrow(() -> new UsageException("waiver '" + id + "' must be an active waiver, but was not found"));
        store.revokeWaiver(id, by, now());
        inputs.invalidate(service);
        snapshot(service);
    }

    /** The registered service, as read from the store within the last second. */
    public Optional<ServiceDefinition> service(String id) {
        return services.get(id);
    }

    /**
     * Where the registered service came from, read from the store now (not cached: it decides what the
     * runner may do). An unknown service counts as registered over the API.
     */
    public ServiceOrigin serviceOrigin(String id) {
        return store.serviceOrigin(id).orElse(ServiceOrigin.API);
    }

    /**
     * Drops the cached scoring inputs of a service that another engine changed (announced on the
     * score events, see {@code ScoreFeed}), so that the next score reads them from the store. The
     * one-second expiry still bounds how stale inputs may be after a change that moved no score (and
     * was therefore not announced).
     */
    public void invalidate(String serviceId) {
        services.invalidate(serviceId);
        inputs.invalidate(serviceId);
    }

    /** Stores results (idempotently) and snapshots the score of every registered service they touch. */
    public IngestOutcome publish(List<ResultEvent> events) {
        IngestOutcome outcome = ingest(events);
        fold();
        return outcome;
    }

    /**
     * Stores results without scoring them: they count, and their services' scores are recorded and
     * announced, at the next {@link #fold}. Ingest's way, with a fold running beside it.
     */
    public IngestOutcome ingest(List<ResultEvent> events) {
        IngestOutcome outcome = store.ingestResults(events, now());
        events.stream().map(ResultEvent::service).distinct().forEach(inputs::invalidate);
        return outcome;
    }

    /**
     * Folds every stored result into the latest counted results, and records and announces the scores
     * that moved, before each fold commits (see {@link Store#foldPending}). Safe to call from several threads and processes: one fold runs at a time.
     *
     * @return how many results were folded
     */
    public long fold() {
        FoldOutcome outcome;
        try {
            outcome = store.foldPending(now(), this::recordFolded);
        } catch (RuntimeException e) {
            foldHealth.failed();
            throw e;
        }
        foldHealth.succeeded(outcome.setAside().size());
        if (outcome.results() > 0) {
            outbox.wake(); // what the folds wrote to the outbox is committed now
        }
        for (SetAsideBlock block : outcome.setAside()) {
            LOG.warn("the fold set aside block {} of service '{}' ({} result(s)); they do not count until it is"
                    + " replayed (POST /api/v1/fold/quarantine/{}/replay): {}", block.block(), block.service(),
                    block.results(), block.block(), block.reason());
        }
        return outcome.results();
    }

    private void recordFolded(Map<String, List<ResultEvent>> latest) {
        latest.keySet().forEach(inputs::invalidate);
        snapshot(latest.keySet(), latest);
    }

    /**
     * How far the figures at {@code at} (now when null) of these services (all when empty) reach: the
     * latest counted results hold every result received before the instant returned, and results received
     * since, but not folded yet or set aside, do not count. {@code at} itself when everything counts.
     */
    public Instant countedAsOf(Collection<String> services, Instant at) {
        Instant when = at == null ? now() : at;
        return store.oldestUncounted(Set.copyOf(services)).filter(oldest -> oldest.isBefore(when)).orElse(when);
    }

    /** How this process's folds have gone. */
    public FoldHealth foldHealth() {
        return foldHealth;
    }

    /**
     * Folds a block the fold set aside again and records the scores it moves (see
     * {@link Store#replaySetAside}).
     *
     * @return how many results it folded; empty when no block is set aside under that number
     */
    public Optional<Long> replaySetAside(long block) {
        Optional<Long> folded = store.replaySetAside(block, this::recordFolded);
        outbox.wake();
        return folded;
    }

    /** Retracts a result; it no longer counts. */
    public void retract(String resultId, String reason, String by) {
        requireNoControlCharacters(List.of(ControlCharacters.problem("retraction reason", reason, true),
                ControlCharacters.problem("retraction by", by, false)));
        ResultEvent result = store.result(resultId)
                .orElseThrow(() -> new UsageException("result '" + resultId + "' must exist, but was not found"));
        store.retract(resultId, reason, by, now());
        inputs.invalidate(result.service());
        snapshot(result.service());
    }

    /** Text stored from a user: refused with every problem at once when it holds control characters. */
    private static void requireNoControlCharacters(List<Optional<String>> problems) {
        List<String> found = problems.stream().flatMap(Optional::stream).toList();
        if (!found.isEmpty()) {
            throw new UsageException(found);
        }
    }

    private void snapshot(String serviceId) {
        snapshot(List.of(serviceId), store.latestCountedResults(List.of(serviceId)));
    }

    /**
     * Records the services' scores in their history where they changed (all in one transaction, so
     * a batch of results costs one commit, not one per service) and announces those changes. Scores
     * from the latest counted results (what the store keeps per group), so the cost per ingested batch
     * does not grow with the results already stored. The score is the one all results give, unless a
     * result finished after now (a clock ahead of ours) hides an older one of its group until its
     * time comes. Unregistered services are skipped. {@code latest}: each service's latest counted
     * results (as {@link Store#latestCountedResults}).
     *
     * @return how many snapshots it recorded (and announced)
     */
    private int snapshot(Collection<String> serviceIds, Map<String, List<ResultEvent>> latest) {
        List<ServiceDefinition> services = this.services.getAll(serviceIds).values().stream()
                .flatMap(Optional::stream).toList();
        if (services.isEmpty()) {
            return 0;
        }
        Map<String, List<Waiver>> waivers = serviceIds.size() == 1
                ? Map.of(services.get(0).id(), store.waivers(services.get(0).id()))
                : store.waivers(null).stream().collect(Collectors.groupingBy(Waiver::service));
        Map<String, ScoreReport> reports = new LinkedHashMap<>();
        for (ServiceDefinition service : services) {
            reports.put(service.id(), evaluate(service, ScoreQuery.NOW, new Inputs(latest.get(service.id()), Set.of(),
                    waivers.getOrDefault(service.id(), List.of()))).report());
        }
        List<ScoreSnapshot> snapshots = reports.values().stream().map(r -> new ScoreSnapshot(r.service(), r.at(),
                r.standard(), r.score(), r.verdict(), r.coverage())).toList();
        List<ScoreSnapshot> changed = store.recordSnapshots(snapshots, !outbox.announces() ? null : snapshot -> {
            ScoreReport report = reports.get(snapshot.service());
            return OutboxPublisher.payload(new ScoreEvent(ScoreEvent.SCHEMA_VERSION, snapshot.service(), report.at(),
                    report.standard(), report.score(), report.verdict().name(), report.coverage()));
        }, now());
        if (!changed.isEmpty()) {
            outbox.wake(); // sends once the transaction commits (a fold's, from its beforeCommit)
        }
        return changed.size();
    }

    /**
     * Scores every registered service now and records and announces, as a fold does, each score whose
     * rounded figure or verdict moved since the service's last snapshot: the hourly tick (DESIGN §4),
     * for what time alone changes (decay, expiry, a waiver running out). Reads as the organisation's
     * rescore does ({@link #scoreServices}: the services, the waivers, then the latest counted results
     * streamed a page at a time) and records {@value #TICK_SERVICES} services per transaction, so only
     * that many services' results are held at once.
     *
     * @return how many snapshots it recorded
     */
    public int rescoreAll() {
        List<String> ids = store.services().stream().map(ServiceDefinition::id).toList();
        if (ids.isEmpty()) {
            return 0; // an empty request would stream every service's rows
        }
        Map<String, List<ResultEvent>> chunk = new LinkedHashMap<>();
        int[] recorded = {0};
        store.forEachServiceLatest(ids, (id, latest) -> {
            chunk.put(id, latest);
            if (chunk.size() >= TICK_SERVICES) {
                recorded[0] += snapshot(List.copyOf(chunk.keySet()), Map.copyOf(chunk));
                chunk.clear();
            }
        });
        if (!chunk.isEmpty()) {
            recorded[0] += snapshot(List.copyOf(chunk.keySet()), Map.copyOf(chunk));
        }
        return recorded[0];
    }

    /** Scores one service (never recorded). */
    public Evaluation evaluate(String serviceId, ScoreQuery query) {
        Instant at = query.at() != null ? query.at() : now();
        Optional<ServiceDefinition> service = service(serviceId);
        if (service.isEmpty()) {
            return new Evaluation(ScoreReport.noData(serviceId, null, at,
                    "service '" + serviceId + "' is not registered"), null, Map.of());
        }
        return evaluate(service.get(), query);
    }

    /** Scores a registered service whose definition the caller has just read (never recorded). */
    public Evaluation evaluate(ServiceDefinition service, ScoreQuery query) {
        return evaluate(service, query, inputs.get(service.id()));
    }

    /** A service's inputs: what was read before while the store's counts say it is unchanged, else read again. */
    private Inputs read(String serviceId) {
        Read before = reads.getIfPresent(serviceId);
        ResultHistory results = before != null && store.resultCount(serviceId) == before.results().all().size()
                ? before.results() : ResultHistory.of(store.results(serviceId));
        long retractions = store.retractionCount(); // before the ids: a retraction in between is read again next time
        Set<String> retracted = before != null && before.retractions() == retractions
                ? before.retracted() : store.retractedIds(serviceId);
        reads.put(serviceId, new Read(results, retractions, retracted));
        return new Inputs(results, retracted, store.waivers(serviceId));
    }

    private Evaluation evaluate(ServiceDefinition service, ScoreQuery query, Inputs inputs) {
        Instant at = query.at() != null ? query.at() : now();
        Standard standard = query.whatIf();
        if (standard == null) {
            StandardSelector.Selection selection = select(service, query.environment());
            if (selection.standard() == null) {
                return new Evaluation(ScoreReport.noData(service.id(), null, at, selection.problem()), null, Map.of());
            }
            standard = selection.standard();
        }
        Map<String, TestSuite> suites = suiteMaps.get(standard, s -> Collections.unmodifiableMap(suitesOf(s)));
        ScoreReport report = scorer.score(new ScoreRequest(service, standard, suites, inputs.results(),
                inputs.retracted(), inputs.waivers(), at, query.version(), query.environment()));
        return new Evaluation(report, standard, suites);
    }

    /** The standard a service is scored against, chosen once per definition, environment and load of the standards. */
    private StandardSelector.Selection select(ServiceDefinition service, String environment) {
        Map<String, Standard> standards = definitions().standards();
        Selections known = selections.get(service, s -> new Selections(standards, new ConcurrentHashMap<>()));
        if (known.standards() != standards) { // the definitions were reloaded
            known = new Selections(standards, new ConcurrentHashMap<>());
            selections.put(service, known);
        }
        return known.byEnvironment().computeIfAbsent(Optional.ofNullable(environment),
                e -> StandardSelector.select(service, environment, standards));
    }

    /**
     * The suites a run of the service executes: the ones named, or else those of the standard the
     * service is scored against (in {@code environment}, or its own when null).
     */
    public List<TestSuite> suitesToRun(ServiceDefinition service, List<String> suiteIds, String environment) {
        if (!suiteIds.isEmpty()) {
            List<TestSuite> named = new ArrayList<>();
            for (String id : suiteIds) {
                TestSuite suite = definitions().suites().get(id);
                if (suite == null) {
                    throw new UsageException("--suite must name a known suite, but was '" + id + "' (known: "
                            + String.join(", ", new java.util.TreeSet<>(definitions().suites().keySet())) + ")");
                }
                named.add(suite);
            }
            return named;
        }
        StandardSelector.Selection selection = StandardSelector.select(service, environment, definitions().standards());
        if (selection.standard() == null) {
            throw new UsageException("service '" + service.id() + "' must have a standard to take its suites from,"
                    + " but " + selection.problem() + " (name suites with --suite)");
        }
        return List.copyOf(suitesOf(selection.standard()).values());
    }

    private Map<String, TestSuite> suitesOf(Standard standard) {
        Map<String, TestSuite> suites = new LinkedHashMap<>();
        for (String id : standard.suites()) {
            TestSuite suite = definitions().suites().get(id);
            if (suite == null) {
                throw new UsageException("standard '" + standard.id() + "': suites must name known suites, but '"
                        + id + "' is unknown");
            }
            suites.put(id, suite);
        }
        return suites;
    }

    /**
     * Decides the gate on an evaluation and records the decision for audit.
     *
     * @param failOn         {@link Verdict#FAIL} (default) or {@link Verdict#WARN}
     * @param globalOnNoData the outcome when no standard matched
     */
    public GateDecision gate(Evaluation evaluation, ScoreQuery query, Verdict failOn,
                             Standard.OnNoData globalOnNoData) {
        GateDecision decision = decideGate(evaluation, query, failOn, globalOnNoData);
        store.recordGateDecision(decision);
        events.gateRecorded(new GateEvent(decision.service(), json(decision)));
        return decision;
    }

    /** Decides the gate on an evaluation, as {@link #gate}, without recording or announcing it. */
    public GateDecision decideGate(Evaluation evaluation, ScoreQuery query, Verdict failOn,
                                   Standard.OnNoData globalOnNoData) {
        try {
            GateEvaluator.checkUsage(evaluation.standard(), query.version());
        } catch (GateUsageException e) {
            throw new UsageException(e.getMessage());
        }
        Map<String, String> suiteHashes = new LinkedHashMap<>();
        evaluation.suites().forEach((id, suite) -> suiteHashes.put(id, hash(suite)));
        return gates.decide(evaluation.report(), evaluation.standard(), failOn, query.version(),
                query.environment(), evaluation.standard() == null ? null : hash(evaluation.standard()),
                suiteHashes, globalOnNoData);
    }

    private String hash(Object definition) {
        return hashes.get(definition, ContentHash::of);
    }

    /**
     * Scores every registered service (of one team, or all when {@code teamOrNull} is null) and rolls
     * them up. At the present time the scores come from each service's latest counted results,
     * streamed from the store a service at a time: only the scores are kept, so an organisation's
     * rows never sit on the heap at once.
     */
    public List<ServiceScore> scoreServices(String teamOrNull, Instant atOrNull) {
        List<ServiceDefinition> services = store.services().stream()
                .filter(s -> teamOrNull == null || teamOrNull.equals(s.team())).toList();
        if (atOrNull != null) {
            ScoreQuery query = new ScoreQuery(atOrNull, null, null, null);
            return services.stream().map(s -> ServiceScore.of(s, evaluate(s.id(), query).report())).toList();
        }
        if (services.isEmpty()) {
            return List.of(); // an empty request would stream every service's rows
        }
        Map<String, ServiceDefinition> byId = new HashMap<>();
        services.forEach(s -> byId.put(s.id(), s));
        Map<String, List<Waiver>> waivers = store.waivers(null).stream()
                .collect(Collectors.groupingBy(Waiver::service));
        Map<String, ServiceScore> scores = new HashMap<>();
        store.forEachServiceLatest(byId.keySet(), (id, latest) -> {
            ServiceDefinition service = byId.get(id);
            scores.put(id, ServiceScore.of(service, evaluate(service, ScoreQuery.NOW,
                    new Inputs(latest, Set.of(), waivers.getOrDefault(id, List.of()))).report()));
        });
        return services.stream().map(s -> scores.get(s.id())).toList();
    }

    private static String json(GateDecision decision) {
        try {
            return Json.mapper().writeValueAsString(decision);
        } catch (JsonProcessingException e) {
            throw new SteadfastException("gate decision of service '" + decision.service()
                    + "' must be writable as JSON, but was not: " + e.getOriginalMessage(), e);
        }
    }

    private static LoadResult requireOk(LoadResult result) {
        if (!result.ok()) {
            throw new DefinitionsException(result.errors());
        }
        return result;
    }
}
