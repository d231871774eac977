package io.steadfast.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import io.steadfast.json.Json;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.IngestOutcome;
import io.steadfast.store.Retraction;
import io.steadfast.store.SetAsideBlock;
import io.steadfast.store.StoreException;
import io.steadfast.store.StoreUnavailableException;
import io.steadfast.text.ControlCharacters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * SQL for results, retractions and the latest counted results. Every method runs inside the caller's
 * transaction. Thread-safe.
 *
 * <p>Results are stored in blocks ({@code result_blocks}): one row per service per stored batch,
 * holding that batch's results of the service encoded with {@link ResultCodec}, and the hashes of
 * their ids for the {@link ResultIds} index. Blocks are numbered by the result log's head
 * ({@code result_log}), which every writer locks for its transaction: the blocks up to the head are
 * exactly the committed ones, and no two writers store the same id. {@code service_results} counts each
 * service's results. {@code latest_results} holds the latest counted result of every group, a row per
 * latest set ({@link SetKey}: the groups of one service, source, environment and version), encoded
 * the same way, with a version that every update checks and moves on: new results of one version
 * rewrite that version's row only, however many versions came before.
 *
 * <p>Why blocks, not a row per result: on H2 a row costs several microseconds to insert and commit
 * even on a sequential key, and a random key (a result id) much more, since every commit writes anew
 * each index page it changed. A batch of results now writes a few rows per service it touches.
 */
public final class ResultDao {

    /** Which of two results of one group is the later: by finishedAt, ties by resultId. */
    public static final Comparator<ResultEvent> LATEST_LAST = (a, b) -> {
        int byTime = a.finishedAt().compareTo(b.finishedAt());
        return byTime != 0 ? byTime : a.resultId().compareTo(b.resultId());
    };

    /**
     * Within one service: by suite, test, target, then {@link #LATEST_LAST}, the order in which the
     * store hands a service's latest counted results over.
     */
    public static final Comparator<ResultEvent> LATEST_ORDER = (a, b) -> {
        int order = a.suite().compareTo(b.suite());
        if (order == 0) {
            order = a.test().compareTo(b.test());
        }
        if (order == 0) {
            order = a.target().compareTo(b.target());
        }
        return order != 0 ? order : LATEST_LAST.compare(a, b);
    };

    /** A service's history: by finishedAt, then resultId. */
    private static final Comparator<ResultEvent> HISTORY_ORDER = LATEST_LAST;

    /** Most results in one block; a service's results of one batch beyond it go to further blocks. */
    static final int BLOCK_RESULTS = 1_000;

    /**
     * Services per {@link #latestOf} call. H2 checks every row it reads against the whole {@code IN}
     * list, so a long list costs more per row than the extra queries of a short one.
     */
    public static final int LATEST_CHUNK = 32;

    /** Makes {@link Database#inTransaction} run the transaction again, as after a lost race. */
    private static final String SERIALIZATION_FAILURE = "40001";

    private static final ObjectReader READER = Json.mapper().readerFor(ResultEvent.class);

    private final ResultIds ids;

    public ResultDao(ResultIds ids) {
        this.ids = ids;
    }

    /** A result stored as JSON by an earlier version of the store. */
    static ResultEvent parse(String payload) {
        try {
            return READER.readValue(payload);
        } catch (JsonProcessingException e) {
            throw new StoreException("stored result payload cannot be read: " + e.getMessage(), e);
        }
    }

    // ---- storing

    /**
     * Stores a batch (see {@code Store.ingestResults}) as blocks after the result log's head; a fold
     * ({@link #fold}) later makes them count.
     *
     * <p>The blocks are encoded before the result log is locked, as if every result of the batch were
     * new. Under the lock only the idempotency check and the writes remain, so writers on several
     * threads or processes wait for each other little. The check finds nothing in the common case;
     * when it finds results already stored, the blocks are encoded again for the rest.
     */
    public IngestOutcome store(Connection c, List<ResultEvent> events, Instant receivedAt) throws SQLException {
        List<IngestOutcome.Conflict> conflicts = new ArrayList<>();
        int duplicates = 0;
        Map<String, ResultEvent> incoming = new LinkedHashMap<>();
        for (ResultEvent event : events) {
            ResultEvent earlier = incoming.putIfAbsent(event.resultId(), event);
            if (earlier == null) {
                continue;
            }
            if (earlier.equals(event)) {
                duplicates++;
            } else {
                conflicts.add(conflict(event.resultId(), "an earlier result of the same batch"));
            }
        }
        Prepared prepared = prepare(incoming.values());
        long head = lockHead(c);
        Map<String, ResultEvent> stored = ids.stored(c, head, incoming.keySet());
        int fresh = incoming.size();
        if (!stored.isEmpty()) {
            List<ResultEvent> freshOnes = new ArrayList<>();
            for (ResultEvent event : incoming.values()) {
                ResultEvent existing = stored.get(event.resultId());
                if (existing == null) {
                    freshOnes.add(event);
                } else if (existing.equals(event)) {
                    duplicates++;
                } else {
                    conflicts.add(conflict(event.resultId(), "the result already stored"));
                }
            }
            fresh = freshOnes.size();
            prepared = prepare(freshOnes);
        }
        long newHead = writeBlocks(c, head, prepared.blocks(), receivedAt);
        addCounts(c, prepared.counts());
        if (newHead != head) {
            moveHead(c, newHead);
        }
        return new IngestOutcome(fresh, duplicates, conflicts);
    }

    private static IngestOutcome.Conflict conflict(String resultId, String other) {
        return new IngestOutcome.Conflict(resultId,
                "resultId '" + resultId + "' must identify one result, but its content differs from " + other);
    }

    /** What storing new results writes: their blocks, and how many results each service gains. */
    private record Prepared(List<Block> blocks, Map<String, Long> counts) {
    }

    /** A block of one service's results, encoded, not numbered yet. */
    record Block(String service, int size, byte[] idHashes, byte[] results) {

        /** The service's results as blocks of at most {@link #BLOCK_RESULTS}, in order. */
        static List<Block> of(String service, List<ResultEvent> results) {
            List<Block> blocks = new ArrayList<>();
            for (List<ResultEvent> chunk : Jdbc.chunks(results, BLOCK_RESULTS)) {
                blocks.add(new Block(service, chunk.size(), ResultIds.hashes(chunk), ResultCodec.encode(chunk)));
            }
            return blocks;
        }
    }

    /** Prepares storing the fresh results: a block per service (more when it has many). */
    private static Prepared prepare(Collection<ResultEvent> fresh) {
        Map<String, List<ResultEvent>> byService = new LinkedHashMap<>();
        for (ResultEvent event : fresh) {
            byService.computeIfAbsent(event.service(), s -> new ArrayList<>()).add(event);
        }
        List<Block> blocks = new ArrayList<>();
        Map<String, Long> counts = new TreeMap<>();
        byService.forEach((service, results) -> {
            counts.put(service, (long) results.size());
            blocks.addAll(Block.of(service, results));
        });
        return new Prepared(blocks, counts);
    }

    // ---- folding blocks into the latest counted results

    /**
     * What one fold did: how many results it folded, whether blocks are left to fold, the latest
     * counted results of the services it reached, and the blocks it set aside.
     */
    public record Folded(long results, boolean more, Map<String, List<ResultEvent>> latest,
                         List<SetAsideBlock> setAside) {
    }

    /**
     * Folds the blocks after the fold cursor, up to about {@code maxResults} results, into the latest
     * counted results: per latest set they reach, each group's latest counted result moves forward to
     * the newest result of those blocks that counts and is not retracted, where newer. Locks the fold
     * cursor for the transaction, so one fold (or retraction) at a time changes the latest results.
     *
     * <p>When the database refuses a value the blocks hold, or a block does not decode, the blocks are
     * folded again service by service: the blocks of a service that fails are set aside
     * ({@code fold_quarantine}) with the reason, the others fold, and the cursor moves past them all,
     * so that one bad block does not stop every score. Any other failure (a lost connection, a timeout,
     * a conflict) is thrown as is, setting nothing aside.
     */
    public Folded fold(Connection c, long maxResults, Instant at) throws SQLException {
        long cursor = lockFoldCursor(c);
        long head = head(c);
        if (head <= cursor) {
            return new Folded(0, false, Map.of(), List.of());
        }
        Savepoint start = c.setSavepoint();
        try {
            Folded folded = foldAll(c, cursor, head, maxResults);
            c.releaseSavepoint(start);
            return folded;
        } catch (SQLException | RuntimeException e) {
            rethrowUnlessAboutTheData(e);
            c.rollback(start);
            return foldSettingAside(c, cursor, head, maxResults, at);
        }
    }

    private Folded foldAll(Connection c, long cursor, long head, long maxResults) throws SQLException {
        long to = cursor;
        long results = 0;
        Map<String, List<ResultEvent>> byService = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, service, results FROM result_blocks WHERE id > ? AND id <= ? ORDER BY id")) {
            s.setLong(1, cursor);
            s.setLong(2, head);
            s.setFetchSize(100);
            try (ResultSet rows = s.executeQuery()) {
                while (results < maxResults && rows.next()) {
                    List<ResultEvent> block = ResultCodec.decode(rows.getBytes(3));
                    byService.computeIfAbsent(rows.getString(2), k -> new ArrayList<>()).addAll(block);
                    results += block.size();
                    to = rows.getLong(1);
                }
            }
        }
        Map<SetKey, LatestSet> sets = foldInto(c, byService);
        moveFoldCursor(c, to);
        return new Folded(results, to < head, byService(byService.keySet(), sets.values()), List.of());
    }

    /** Folds the services' fresh results into their latest sets; returns those sets as they now stand. */
    private static Map<SetKey, LatestSet> foldInto(Connection c, Map<String, List<ResultEvent>> byService)
            throws SQLException {
        Set<String> retracted = retractedIds(c, byService.keySet());
        List<ResultEvent> folded = new ArrayList<>();
        byService.values().forEach(events -> events.stream()
                .filter(event -> !retracted.contains(event.resultId())).forEach(folded::add));
        Map<SetKey, LatestSet> sets = readSets(c, byService.keySet());
        List<LatestSet> inserts = new ArrayList<>();
        List<LatestSet> updates = new ArrayList<>();
        advance(sets, folded, inserts, updates);
        insertSets(c, inserts);
        updateSets(c, updates);
        return sets;
    }

    /** One block's place in the result log, read without its results. */
    private record BlockRef(long id, String service, int results, Instant receivedAt) {
    }

    /** {@link #fold} service by service, each in a savepoint of its own: a service that fails has its blocks set aside. */
    private Folded foldSettingAside(Connection c, long cursor, long head, long maxResults, Instant at)
            throws SQLException {
        long to = cursor;
        long results = 0;
        Map<String, List<BlockRef>> byService = new TreeMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT id, service, result_count, received_at"
                + " FROM result_blocks WHERE id > ? AND id <= ? ORDER BY id")) {
            s.setLong(1, cursor);
            s.setLong(2, head);
            s.setFetchSize(1000);
            try (ResultSet rows = s.executeQuery()) {
                while (results < maxResults && rows.next()) {
                    BlockRef block = new BlockRef(rows.getLong(1), rows.getString(2), rows.getInt(3),
                            Jdbc.getInstant(rows, "received_at"));
                    byService.computeIfAbsent(block.service(), k -> new ArrayList<>()).add(block);
                    results += block.results();
                    to = block.id();
                }
            }
        }
        Map<String, List<ResultEvent>> latest = new TreeMap<>();
        List<SetAsideBlock> setAside = new ArrayList<>();
        long folded = 0;
        for (Map.Entry<String, List<BlockRef>> service : byService.entrySet()) {
            Savepoint before = c.setSavepoint();
            try {
                List<ResultEvent> events = readBlocks(c, service.getValue());
                latest.putAll(byService(List.of(service.getKey()),
                        foldInto(c, Map.of(service.getKey(), events)).values()));
                folded += events.size();
            } catch (SQLException | RuntimeException e) {
                rethrowUnlessAboutTheData(e);
                c.rollback(before);
                setAside.addAll(setAside(c, service.getValue(), reason(e), at));
            }
            c.releaseSavepoint(before);
        }
        moveFoldCursor(c, to);
        return new Folded(folded, to < head, latest, setAside);
    }

    private static List<ResultEvent> readBlocks(Connection c, List<BlockRef> blocks) throws SQLException {
        List<ResultEvent> events = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT results FROM result_blocks WHERE id = ?")) {
            for (BlockRef block : blocks) {
                s.setLong(1, block.id());
                try (ResultSet rows = s.executeQuery()) {
                    rows.next();
                    events.addAll(ResultCodec.decode(rows.getBytes(1)));
                }
            }
        }
        return events;
    }

    private static List<SetAsideBlock> setAside(Connection c, List<BlockRef> blocks, String reason, Instant at)
            throws SQLException {
        List<SetAsideBlock> setAside = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO fold_quarantine (block_id, service, reason, set_aside_at) VALUES (?, ?, ?, ?)")) {
            for (BlockRef block : blocks) {
                s.setLong(1, block.id());
                s.setString(2, block.service());
                s.setString(3, reason);
                Jdbc.setInstant(s, 4, at);
                s.addBatch();
                setAside.add(new SetAsideBlock(block.id(), block.service(), block.results(), block.receivedAt(),
                        reason, at));
            }
            s.executeBatch();
        }
        return setAside;
    }

    /** Why a fold failed, as kept with the blocks it set aside: one line, control characters escaped, bounded. */
    private static String reason(Exception e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        String line = ControlCharacters.escape(message.lines().findFirst().orElse(message));
        return line.length() > MAX_REASON ? line.substring(0, MAX_REASON - 3) + "..." : line;
    }

    private static final int MAX_REASON = 1000;

    /**
     * Throws the failure again unless it is about the blocks' data: the database refused a value (SQL
     * states 22, data exceptions, and 23, constraint violations) or a block did not decode. Anything else
     * (a lost connection, a timeout, a conflict, a full disk) would set good blocks aside: the fold fails
     * instead and is tried again.
     */
    private static void rethrowUnlessAboutTheData(Exception e) throws SQLException {
        if (e instanceof SQLException sql && !isAboutTheData(sql)) {
            throw sql;
        }
        if (e instanceof StoreUnavailableException unavailable) {
            throw unavailable;
        }
    }

    private static boolean isAboutTheData(SQLException e) {
        if (Database.isRetriable(e)) {
            return false;
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    // ---- blocks set aside

    public List<SetAsideBlock> setAsideBlocks(Connection c) throws SQLException {
        List<SetAsideBlock> blocks = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT q.block_id, q.service, b.result_count, b.received_at,"
                + " q.reason, q.set_aside_at FROM fold_quarantine q JOIN result_blocks b ON b.id = q.block_id"
                + " ORDER BY q.block_id");
             ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                blocks.add(new SetAsideBlock(rows.getLong(1), rows.getString(2), rows.getInt(3),
                        Jdbc.getInstant(rows, "received_at"), rows.getString(5), Jdbc.getInstant(rows, "set_aside_at")));
            }
        }
        return blocks;
    }

    public long setAsideCount(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM fold_quarantine");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * Folds a block set aside again and removes it from {@code fold_quarantine}; empty when no block
     * is set aside under that number. A failure is thrown as is, and the block stays set aside.
     */
    public Optional<Folded> replay(Connection c, long block) throws SQLException {
        lockFoldCursor(c); // one fold at a time changes the latest results
        Optional<SetAsideBlock> setAside = setAsideBlocks(c).stream().filter(b -> b.block() == block).findFirst();
        if (setAside.isEmpty()) {
            return Optional.empty();
        }
        String service = setAside.get().service();
        List<ResultEvent> events = readBlocks(c, List.of(new BlockRef(block, service, 0, null)));
        Map<SetKey, LatestSet> sets = foldInto(c, Map.of(service, events));
        try (PreparedStatement s = c.prepareStatement("DELETE FROM fold_quarantine WHERE block_id = ?")) {
            s.setLong(1, block);
            s.executeUpdate();
        }
        return Optional.of(new Folded(events.size(), false, byService(List.of(service), sets.values()), List.of()));
    }

    /**
     * When the oldest stored result that does not count yet was received: the first block after the
     * fold cursor, or a block of one of the services set aside; empty when every stored result counts.
     */
    public Optional<Instant> oldestUncounted(Connection c, Collection<String> servicesOrEmptyForAll)
            throws SQLException {
        Instant oldest = null;
        try (PreparedStatement s = c.prepareStatement("SELECT received_at FROM result_blocks WHERE id = ?")) {
            s.setLong(1, foldCursor(c) + 1);
            try (ResultSet rows = s.executeQuery()) {
                if (rows.next()) {
                    oldest = Jdbc.getInstant(rows, "received_at");
                }
            }
        }
        for (SetAsideBlock block : setAsideBlocks(c)) {
            if ((servicesOrEmptyForAll.isEmpty() || servicesOrEmptyForAll.contains(block.service()))
                    && (oldest == null || block.receivedAt().isBefore(oldest))) {
                oldest = block.receivedAt();
            }
        }
        return Optional.ofNullable(oldest);
    }

    /**
     * Moves the latest sets forward to the fresh results: each set they change goes to {@code inserts}
     * (new) or {@code updates} (carrying the version it replaces), and its new latest results into
     * {@code sets}.
     */
    private static void advance(Map<SetKey, LatestSet> sets, Collection<ResultEvent> fresh, List<LatestSet> inserts,
                                List<LatestSet> updates) {
        Map<SetKey, List<ResultEvent>> countedBySet = new HashMap<>();
        for (ResultEvent event : fresh) {
            if (event.status().counts()) {
                countedBySet.computeIfAbsent(SetKey.of(event), k -> new ArrayList<>()).add(event);
            }
        }
        countedBySet.forEach((key, added) -> {
            LatestSet current = sets.get(key);
            List<ResultEvent> merged = merge(current == null ? List.of() : current.latest(), added);
            if (current == null) {
                inserts.add(LatestSet.of(key, 0, merged));
            } else if (merged != current.latest()) {
                updates.add(LatestSet.of(key, current.version(), merged));
            } else {
                return;
            }
            sets.put(key, new LatestSet(key, 0, merged, null));
        });
    }

    /** Blocks stored and not folded yet. */
    public long foldLag(Connection c) throws SQLException {
        return head(c) - foldCursor(c);
    }

    private static long lockFoldCursor(Connection c) throws SQLException {
        return readLog(c, FOLD_CURSOR, " FOR UPDATE");
    }

    /** The number of the last block folded into the latest counted results. */
    static long foldCursor(Connection c) throws SQLException {
        return readLog(c, FOLD_CURSOR, "");
    }

    private static void moveFoldCursor(Connection c, long block) throws SQLException {
        writeLog(c, FOLD_CURSOR, block);
    }

    /** The ids of the services' retracted results. */
    private static Set<String> retractedIds(Connection c, Collection<String> services) throws SQLException {
        Set<String> retracted = new HashSet<>();
        for (List<String> chunk : Jdbc.chunks(services)) {
            try (PreparedStatement s = c.prepareStatement("SELECT result_id FROM retractions WHERE service IN ("
                    + Jdbc.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setString(i + 1, chunk.get(i));
                }
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        retracted.add(rows.getString(1));
                    }
                }
            }
        }
        return retracted;
    }

    /** Each service's latest counted results, from its sets, in {@link #LATEST_ORDER}; every service a key. */
    private static Map<String, List<ResultEvent>> byService(Collection<String> services, Collection<LatestSet> sets) {
        Map<String, List<ResultEvent>> latest = new TreeMap<>();
        services.forEach(service -> latest.put(service, new ArrayList<>()));
        for (LatestSet set : sets) {
            latest.computeIfAbsent(set.key().service(), s -> new ArrayList<>()).addAll(set.latest());
        }
        latest.replaceAll((service, events) -> {
            events.sort(LATEST_ORDER);
            return List.copyOf(events);
        });
        return latest;
    }

    /** The result log's rows: its head, the last block stored, and the fold cursor, the last block folded. */
    private static final int HEAD = 1;
    private static final int FOLD_CURSOR = 2;

    /**
     * Locks the result log's head for the transaction and returns it, the number of the last block
     * committed: every writer of results goes through here, one at a time.
     */
    static long lockHead(Connection c) throws SQLException {
        return readLog(c, HEAD, " FOR UPDATE");
    }

    /** The head of the result log, without locking it. */
    static long head(Connection c) throws SQLException {
        return readLog(c, HEAD, "");
    }

    private static void moveHead(Connection c, long head) throws SQLException {
        writeLog(c, HEAD, head);
    }

    private static long readLog(Connection c, int row, String lock) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT last_block FROM result_log WHERE id = ?" + lock)) {
            s.setInt(1, row);
            try (ResultSet rows = s.executeQuery()) {
                if (!rows.next()) {
                    throw new StoreException("result log must have its row " + row + ", but it was missing");
                }
                return rows.getLong(1);
            }
        }
    }

    private static void writeLog(Connection c, int row, long block) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE result_log SET last_block = ? WHERE id = ?")) {
            s.setLong(1, block);
            s.setInt(2, row);
            s.executeUpdate();
        }
    }

    /** Writes the blocks, numbered after {@code head}; returns the new head. */
    static long writeBlocks(Connection c, long head, List<Block> blocks, Instant receivedAt) throws SQLException {
        if (blocks.isEmpty()) {
            return head;
        }
        long number = head;
        try (PreparedStatement s = c.prepareStatement("INSERT INTO result_blocks"
                + " (id, service, received_at, result_count, id_hashes, results) VALUES (?, ?, ?, ?, ?, ?)")) {
            for (Block block : blocks) {
                s.setLong(1, ++number);
                s.setString(2, block.service());
                Jdbc.setInstant(s, 3, receivedAt);
                s.setInt(4, block.size());
                s.setBytes(5, block.idHashes());
                s.setBytes(6, block.results());
                s.addBatch();
            }
            s.executeBatch();
        }
        return number;
    }

    /** The latest counted results after {@code fresh}: per group, the later of the two, in {@link #LATEST_ORDER}. */
    static List<ResultEvent> merge(List<ResultEvent> latest, List<ResultEvent> fresh) {
        Map<ResultGroup, ResultEvent> byGroup = new HashMap<>();
        for (ResultEvent event : latest) {
            byGroup.put(ResultGroup.of(event), event);
        }
        boolean changed = false;
        for (ResultEvent event : fresh) {
            if (event.status().counts()) {
                ResultGroup group = ResultGroup.of(event);
                ResultEvent before = byGroup.get(group);
                if (before == null || LATEST_LAST.compare(before, event) < 0) {
                    byGroup.put(group, event);
                    changed = true;
                }
            }
        }
        if (!changed) {
            return latest;
        }
        List<ResultEvent> merged = new ArrayList<>(byGroup.values());
        merged.sort(LATEST_ORDER);
        return List.copyOf(merged);
    }

    /**
     * The key of a latest set: the test instances of one service as reported by one source, in one
     * environment, for one service version, whose latest counted results are kept in one row, so that
     * new results of one version rewrite the latest results of that version only. Absent fields are "".
     */
    record SetKey(String service, String source, String environment, String serviceVersion) {

        static SetKey of(ResultEvent event) {
            return new SetKey(event.service(), orEmpty(event.source()), orEmpty(event.environment()),
                    orEmpty(event.serviceVersion()));
        }

        private static String orEmpty(String value) {
            return value == null ? "" : value;
        }
    }

    /** A row of {@code latest_results}: a set's latest counted results, and those encoded as they are stored. */
    private record LatestSet(SetKey key, long version, List<ResultEvent> latest, byte[] encoded) {

        /** The set after a change, with its latest counted results encoded; {@code version} is the one it replaces. */
        static LatestSet of(SetKey key, long version, List<ResultEvent> latest) {
            return new LatestSet(key, version, latest, ResultCodec.encode(latest));
        }
    }

    private static final String SET_COLUMNS = "service, source, environment, service_version";
    private static final String SET_MATCH = "service = ? AND source = ? AND environment = ? AND service_version = ?";

    /** The latest sets of the services, looked up {@link #LATEST_CHUNK} services at a time. */
    private static Map<SetKey, LatestSet> readSets(Connection c, Collection<String> services) throws SQLException {
        Map<SetKey, LatestSet> sets = new HashMap<>();
        for (List<String> chunk : Jdbc.chunks(services, LATEST_CHUNK)) {
            try (PreparedStatement s = c.prepareStatement("SELECT " + SET_COLUMNS + ", version, latest"
                    + " FROM latest_results WHERE service IN (" + Jdbc.placeholders(LATEST_CHUNK) + ")")) {
                bindRepeatingLast(s, chunk);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        LatestSet set = readSet(r);
                        sets.put(set.key(), set);
                    }
                }
            }
        }
        return sets;
    }

    private static LatestSet readSet(ResultSet r) throws SQLException {
        byte[] latest = r.getBytes(6);
        return new LatestSet(new SetKey(r.getString(1), r.getString(2), r.getString(3), r.getString(4)),
                r.getLong(5), ResultCodec.decode(latest), latest);
    }

    /** Binds a chunk to {@link #LATEST_CHUNK} placeholders; a short chunk repeats its last value, so every chunk has one statement text. */
    private static void bindRepeatingLast(PreparedStatement s, List<String> chunk) throws SQLException {
        for (int i = 0; i < LATEST_CHUNK; i++) {
            s.setString(i + 1, chunk.get(Math.min(i, chunk.size() - 1)));
        }
    }

    private static void bindKey(PreparedStatement s, int first, SetKey key) throws SQLException {
        s.setString(first, key.service());
        s.setString(first + 1, key.source());
        s.setString(first + 2, key.environment());
        s.setString(first + 3, key.serviceVersion());
    }

    /** Adds to each service's count of results, creating its row the first time. */
    static void addCounts(Connection c, Map<String, Long> counts) throws SQLException {
        if (counts.isEmpty()) {
            return;
        }
        List<String> missing = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "UPDATE service_results SET result_count = result_count + ? WHERE service = ?")) {
            for (Map.Entry<String, Long> count : counts.entrySet()) {
                s.setLong(1, count.getValue());
                s.setString(2, count.getKey());
                s.addBatch();
            }
            int[] updated = s.executeBatch();
            int i = 0;
            for (String service : counts.keySet()) {
                if (updated[i++] == 0) {
                    missing.add(service);
                }
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "INSERT INTO service_results (service, result_count) VALUES (?, ?)")) {
            for (String service : missing) {
                s.setString(1, service);
                s.setLong(2, counts.get(service));
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    /** Inserts the latest sets that these results, new to a store without latest sets for them, make. */
    static void insertLatest(Connection c, List<ResultEvent> results) throws SQLException {
        List<LatestSet> inserts = new ArrayList<>();
        advance(new HashMap<>(), results, inserts, new ArrayList<>());
        insertSets(c, inserts);
    }

    private static void insertSets(Connection c, List<LatestSet> sets) throws SQLException {
        if (sets.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO latest_results (" + SET_COLUMNS
                + ", version, latest) VALUES (?, ?, ?, ?, 1, ?)")) {
            for (LatestSet set : sets) {
                bindKey(s, 1, set.key());
                s.setBytes(5, set.encoded());
                s.addBatch();
            }
            s.executeBatch();
        }
    }

    private static void updateSets(Connection c, List<LatestSet> sets) throws SQLException {
        if (sets.isEmpty()) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE latest_results SET version = version + 1, latest = ?"
                + " WHERE " + SET_MATCH + " AND version = ?")) {
            for (LatestSet set : sets) {
                s.setBytes(1, set.encoded());
                bindKey(s, 2, set.key());
                s.setLong(6, set.version());
                s.addBatch();
            }
            int[] counts = s.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] == 0) {
                    LatestSet set = sets.get(i);
                    throw new SQLException("latest results " + set.key() + " must still be at version " + set.version()
                            + " when updated, but a concurrent writer changed them", SERIALIZATION_FAILURE);
                }
            }
        }
    }

    // ---- reading results

    public Optional<ResultEvent> find(Connection c, String resultId) throws SQLException {
        return Optional.ofNullable(find(c, List.of(resultId)).get(resultId));
    }

    /** The results stored under these ids, by id. */
    public Map<String, ResultEvent> find(Connection c, Collection<String> resultIds) throws SQLException {
        return ids.stored(c, head(c), resultIds);
    }

    /** The result stored under an id, once a fold has reached its block and folded it (not set it aside). */
    public Optional<ResultEvent> findFolded(Connection c, String resultId) throws SQLException {
        Optional<ResultEvent> found = Optional.ofNullable(
                ids.stored(c, head(c), foldCursor(c), List.of(resultId)).get(resultId));
        return found.isPresent() && setAside(c, found.get()) ? Optional.empty() : found;
    }

    /** Whether the result is in a block set aside: one of its service's, which are few, and usually none. */
    private static boolean setAside(Connection c, ResultEvent event) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT b.results FROM fold_quarantine q"
                + " JOIN result_blocks b ON b.id = q.block_id WHERE q.service = ?")) {
            s.setString(1, event.service());
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    List<ResultEvent> held;
                    try {
                        held = ResultCodec.decode(rows.getBytes(1));
                    } catch (StoreException e) {
                        continue; // a block that does not decode cannot be the one the result was just read from
                    }
                    if (held.contains(event)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** All results of a service, any status, retracted ones included, by finishedAt then resultId. */
    public List<ResultEvent> ofService(Connection c, String service) throws SQLException {
        List<ResultEvent> results = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT results FROM result_blocks WHERE service = ? ORDER BY id")) {
            s.setString(1, service);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    results.addAll(ResultCodec.decode(rows.getBytes(1)));
                }
            }
        }
        results.sort(HISTORY_ORDER);
        return results;
    }

    public long countOfService(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT result_count FROM service_results WHERE service = ?")) {
            s.setString(1, service);
            try (ResultSet rows = s.executeQuery()) {
                return rows.next() ? rows.getLong(1) : 0;
            }
        }
    }

    // ---- retractions

    public long retractionCount(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM retractions");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    public Optional<Retraction> retraction(Connection c, String resultId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT result_id, reason, retracted_by, retracted_at FROM retractions WHERE result_id = ?")) {
            s.setString(1, resultId);
            return readRetractions(s).stream().findFirst();
        }
    }

    public List<Retraction> retractions(Connection c, String service) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT result_id, reason, retracted_by, retracted_at"
                + " FROM retractions WHERE service = ? ORDER BY retracted_at, result_id")) {
            s.setString(1, service);
            return readRetractions(s);
        }
    }

    public Set<String> retractedIds(Connection c, String service) throws SQLException {
        Set<String> retracted = new LinkedHashSet<>();
        for (Retraction r : retractions(c, service)) {
            retracted.add(r.resultId());
        }
        return retracted;
    }

    /** Records the retraction and recomputes the result's group. */
    public Retraction retract(Connection c, String resultId, String reason, String by, Instant at) throws SQLException {
        lockFoldCursor(c); // no fold changes the latest results meanwhile
        ResultEvent event = find(c, resultId).orElseThrow(() -> new StoreException(
                "result '" + resultId + "' cannot be retracted: no result with this id is stored"));
        Optional<Retraction> earlier = retraction(c, resultId);
        if (earlier.isPresent()) {
            throw new StoreException("result '" + resultId + "' cannot be retracted twice, but it was already retracted by '"
                    + earlier.get().by() + "' at " + earlier.get().at() + ": " + earlier.get().reason());
        }
        try (PreparedStatement s = c.prepareStatement("INSERT INTO retractions"
                + " (result_id, service, reason, retracted_by, retracted_at) VALUES (?, ?, ?, ?, ?)")) {
            s.setString(1, resultId);
            s.setString(2, event.service());
            s.setString(3, reason);
            s.setString(4, by);
            Jdbc.setInstant(s, 5, at);
            s.executeUpdate();
        }
        if (event.status().counts()) {
            recomputeLatest(c, event);
        }
        return retraction(c, resultId).orElseThrow();
    }

    /** Sets the retracted result's group to its newest counted result not retracted, or to none. */
    private void recomputeLatest(Connection c, ResultEvent retracted) throws SQLException {
        String service = retracted.service();
        SetKey key = SetKey.of(retracted);
        LatestSet set = readSets(c, List.of(service)).get(key);
        if (set == null) {
            return; // not folded yet: the fold will leave the retracted result out
        }
        ResultGroup group = ResultGroup.of(retracted);
        Set<String> retractedIds = retractedIds(c, service);
        ResultEvent newest = null;
        for (ResultEvent candidate : ofService(c, service)) {
            if (candidate.status().counts() && !retractedIds.contains(candidate.resultId())
                    && ResultGroup.of(candidate).equals(group)
                    && (newest == null || LATEST_LAST.compare(candidate, newest) > 0)) {
                newest = candidate;
            }
        }
        List<ResultEvent> latest = new ArrayList<>();
        for (ResultEvent event : set.latest()) {
            if (!ResultGroup.of(event).equals(group)) {
                latest.add(event);
            }
        }
        if (newest != null) {
            latest.add(newest);
        }
        latest.sort(LATEST_ORDER);
        updateSets(c, List.of(LatestSet.of(key, set.version(), List.copyOf(latest))));
    }

    private static List<Retraction> readRetractions(PreparedStatement s) throws SQLException {
        List<Retraction> found = new ArrayList<>();
        try (ResultSet rows = s.executeQuery()) {
            while (rows.next()) {
                found.add(new Retraction(rows.getString("result_id"), rows.getString("reason"),
                        rows.getString("retracted_by"), Jdbc.getInstant(rows, "retracted_at")));
            }
        }
        return found;
    }

    // ---- reading the latest counted results

    public long registeredServices(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM services");
             ResultSet rows = s.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }

    /**
     * The latest counted results of a few services (at most {@link #LATEST_CHUNK} per call), by
     * service id; services without any are left out.
     */
    public Map<String, List<ResultEvent>> latestOf(Connection c, List<String> services) throws SQLException {
        if (services.size() > LATEST_CHUNK) {
            throw new IllegalArgumentException("services must be at most " + LATEST_CHUNK + ", but were "
                    + services.size());
        }
        Map<String, List<ResultEvent>> latest = byService(List.of(), readSets(c, services).values());
        latest.values().removeIf(List::isEmpty);
        return latest;
    }

    private static final String SERVICES_PAGE = "SELECT service FROM service_results WHERE service > ?"
            + " ORDER BY service FETCH FIRST " + LatestScan.PAGE + " ROWS ONLY";
    private static final String SETS_BETWEEN = "SELECT " + SET_COLUMNS + ", version, latest FROM latest_results"
            + " WHERE service >= ? AND service <= ?";

    /**
     * Reads the scan's next page of services in id order (empty once it is done), each with its latest
     * counted results; services without any are left out. A page is the next {@link LatestScan#PAGE}
     * services with results, then their latest sets, read along the primary key's range between them.
     */
    public Map<String, List<ResultEvent>> nextPage(Connection c, LatestScan scan) throws SQLException {
        List<String> services = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SERVICES_PAGE)) {
            s.setString(1, scan.after);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    services.add(rows.getString(1));
                }
            }
        }
        scan.advance(services);
        if (services.isEmpty()) {
            return Map.of();
        }
        List<LatestSet> sets = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(SETS_BETWEEN)) {
            s.setString(1, services.get(0));
            s.setString(2, services.get(services.size() - 1));
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    sets.add(readSet(rows));
                }
            }
        }
        Map<String, List<ResultEvent>> page = byService(List.of(), sets);
        page.values().removeIf(List::isEmpty);
        return page;
    }

    /**
     * A scan of the services' latest counted results in service id order, one page per call of
     * {@link #nextPage}, each page after the last service read (keyset pagination), so each page may
     * run in its own transaction. Not thread-safe.
     */
    public static final class LatestScan {

        /** Services per page: a few thousand latest results, few enough to stay small. */
        public static final int PAGE = 200;

        private String after = "";
        private boolean done;

        public boolean done() {
            return done;
        }

        void advance(List<String> services) {
            if (services.size() < PAGE) {
                done = true;
            }
            if (!services.isEmpty()) {
                after = services.get(services.size() - 1);
            }
        }
    }
}
