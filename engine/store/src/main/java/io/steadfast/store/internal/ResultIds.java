package io.steadfast.store.internal;

import io.steadfast.spi.result.ResultEvent;
import io.steadfast.store.StoreException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which result ids are stored, and in which blocks: the idempotency check of ingest. An in-memory
 * {@link ResultIdIndex} of the ids' hashes, filled from {@code result_blocks.id_hashes} and brought up
 * to a given head of the result log before each use, so it only ever holds committed blocks, whatever
 * process wrote them. A hash found in the index names the blocks to read and compare ids in; a hash
 * not found is a new id for certain.
 *
 * <p>Memory: about 16 to 27 bytes per stored result (see {@link ResultIdIndex}); the first use reads the
 * hashes of every block once.
 *
 * <p>Thread-safe: each call holds the instance's lock. Callers that must not race other writers call
 * with the head they locked (see {@link ResultDao#lockHead}).
 */
public final class ResultIds {

    private final ResultIdIndex index = new ResultIdIndex();
    private long indexedUpTo;

    /** The ids among {@code ids} that are stored in a block up to {@code head}, with their stored results. */
    public Map<String, ResultEvent> stored(Connection c, long head, Collection<String> ids) throws SQLException {
        return stored(c, head, head, ids);
    }

    /**
     * The ids among {@code ids} that are stored in a block up to {@code upTo} (at most {@code head},
     * the head the index is brought up to), with their stored results.
     */
    public synchronized Map<String, ResultEvent> stored(Connection c, long head, long upTo, Collection<String> ids)
            throws SQLException {
        catchUp(c, head);
        Set<Long> blocks = new HashSet<>();
        for (String id : ids) {
            for (long block : index.blocks(ResultIdIndex.hash(id))) {
                if (block <= upTo) {
                    blocks.add(block);
                }
            }
        }
        Map<String, ResultEvent> found = new HashMap<>();
        if (blocks.isEmpty()) {
            return found;
        }
        Set<String> wanted = new HashSet<>(ids);
        for (List<Long> chunk : Jdbc.chunks(blocks)) {
            try (PreparedStatement s = c.prepareStatement("SELECT results FROM result_blocks WHERE id IN ("
                    + Jdbc.placeholders(chunk.size()) + ")")) {
                for (int i = 0; i < chunk.size(); i++) {
                    s.setLong(i + 1, chunk.get(i));
                }
                try (ResultSet rows = s.executeQuery()) {
                    while (rows.next()) {
                        for (ResultEvent event : ResultCodec.decode(rows.getBytes(1))) {
                            if (wanted.contains(event.resultId())) {
                                found.put(event.resultId(), event);
                            }
                        }
                    }
                }
            }
        }
        return found;
    }

    private void catchUp(Connection c, long head) throws SQLException {
        if (head <= indexedUpTo) {
            return;
        }
        try (PreparedStatement s = c.prepareStatement(
                "SELECT id, id_hashes FROM result_blocks WHERE id > ? AND id <= ? ORDER BY id")) {
            s.setLong(1, indexedUpTo);
            s.setLong(2, head);
            s.setFetchSize(1_000);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    long block = rows.getLong(1);
                    ByteBuffer hashes = ByteBuffer.wrap(rows.getBytes(2));
                    while (hashes.remaining() >= Long.BYTES) {
                        index.add(hashes.getLong(), block);
                    }
                    if (hashes.hasRemaining()) {
                        throw new StoreException("id hashes of result block " + block + " must be a multiple of "
                                + Long.BYTES + " bytes long, but had " + hashes.limit());
                    }
                }
            }
        }
        indexedUpTo = head;
    }

    /** The hashes of the results' ids, in order, as stored in {@code result_blocks.id_hashes}. */
    static byte[] hashes(List<ResultEvent> results) {
        ByteBuffer hashes = ByteBuffer.allocate(results.size() * Long.BYTES);
        results.forEach(r -> hashes.putLong(ResultIdIndex.hash(r.resultId())));
        return hashes.array();
    }
}
