package io.steadfast.store.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;

/**
 * Which stored blocks hold a result whose id has a given 64-bit {@link #hash}: the in-memory
 * index behind the result-id idempotency check when results are stored as per-service blocks.
 * The hash narrows a lookup to a few blocks (one but for a collision); the caller confirms the id
 * in them.
 *
 * <p>An open-addressing table of primitive {@code long} keys and values, linear probing, doubling
 * when more than three quarters full, so about 21 to 43 bytes per entry and no boxing on the common
 * path of one block per hash. Hash 0, the empty-slot marker, is kept in fields of its own. The
 * further blocks of a hash held by several blocks, which is rare, are kept in a small map beside
 * the table. Entries are never removed.
 *
 * <p>Not thread-safe: the caller synchronises access.
 */
public final class ResultIdIndex {

    private static final long[] NO_BLOCKS = new long[0];
    private static final int MAX_CAPACITY = 1 << 30;
    private static final long SPREAD = 0x9E3779B97F4A7C15L;

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class,
            ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class,
            ByteOrder.LITTLE_ENDIAN);

    private long[] keys;
    private long[] values;
    private int shift;
    private int used;
    private int threshold;
    private boolean hasZero;
    private long zeroBlock;
    /** The blocks after the first of each hash held by several blocks, in the order added. */
    private final HashMap<Long, long[]> moreBlocks = new HashMap<>();
    private int size;

    /** An empty index. */
    public ResultIdIndex() {
        this(16);
    }

    /** An empty index that holds this many hashes before it first grows. */
    public ResultIdIndex(int expectedHashes) {
        if (expectedHashes < 0) {
            throw new IllegalArgumentException("expected hashes must be >= 0, but was " + expectedHashes);
        }
        int capacity = 16;
        while (capacity < MAX_CAPACITY && capacity / 4 * 3 < expectedHashes) {
            capacity <<= 1;
        }
        allocate(capacity);
    }

    /**
     * The 64-bit hash of a result id: XXH64 with seed 0 (xxHash by Yann Collet, 64-bit variant,
     * as specified in the xxHash repository's {@code doc/xxhash_spec.md}) over the id's UTF-8
     * bytes, its 64 bits read as a signed {@code long}. In short: inputs of 32 bytes or more feed
     * four accumulators 32-byte stripe by stripe and merge them, shorter ones start from PRIME64_5;
     * the length is added, the remaining 8-, 4- and 1-byte pieces are mixed in, and the avalanche
     * step ({@code xor-shift 33, * PRIME64_2, xor-shift 29, * PRIME64_3, xor-shift 32}) ends it.
     * Any standard XXH64 gives the same value (Python: {@code xxhash.xxh64_intdigest(id.encode())},
     * as unsigned). It is stored in the database, so it must never change. Unpaired surrogates
     * become {@code '?'}, as in {@link String#getBytes}, which can only add collisions.
     */
    public static long hash(String resultId) {
        byte[] b = resultId.getBytes(StandardCharsets.UTF_8);
        int length = b.length;
        int i = 0;
        long h;
        if (length >= 32) {
            long v1 = P1 + P2;
            long v2 = P2;
            long v3 = 0;
            long v4 = -P1;
            for (; i <= length - 32; i += 32) {
                v1 = round(v1, (long) LONG_LE.get(b, i));
                v2 = round(v2, (long) LONG_LE.get(b, i + 8));
                v3 = round(v3, (long) LONG_LE.get(b, i + 16));
                v4 = round(v4, (long) LONG_LE.get(b, i + 24));
            }
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = merge(h, v1);
            h = merge(h, v2);
            h = merge(h, v3);
            h = merge(h, v4);
        } else {
            h = P5;
        }
        h += length;
        for (; i <= length - 8; i += 8) {
            h ^= round(0, (long) LONG_LE.get(b, i));
            h = Long.rotateLeft(h, 27) * P1 + P4;
        }
        if (i <= length - 4) {
            h ^= ((int) INT_LE.get(b, i) & 0xFFFFFFFFL) * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            i += 4;
        }
        for (; i < length; i++) {
            h ^= (b[i] & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }

    private static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long merge(long acc, long v) {
        return (acc ^ round(0, v)) * P1 + P4;
    }

    /** Records that this block holds a result whose id has this hash; adding a pair again changes nothing. */
    public void add(long hash, long block) {
        long first;
        if (hash == 0) {
            if (!hasZero) {
                hasZero = true;
                zeroBlock = block;
                size++;
                return;
            }
            first = zeroBlock;
        } else {
            int slot = slot(hash);
            if (keys[slot] == 0) {
                if (used == threshold) {
                    grow();
                    slot = slot(hash);
                }
                keys[slot] = hash;
                values[slot] = block;
                used++;
                size++;
                return;
            }
            first = values[slot];
        }
        if (first != block) {
            addMore(hash, block);
        }
    }

    /** The blocks holding a result whose id has this hash, in the order added, as a new array; empty when none. */
    public long[] blocks(long hash) {
        long first;
        if (hash == 0) {
            if (!hasZero) {
                return NO_BLOCKS;
            }
            first = zeroBlock;
        } else {
            int slot = slot(hash);
            if (keys[slot] == 0) {
                return NO_BLOCKS;
            }
            first = values[slot];
        }
        long[] more = moreBlocks.isEmpty() ? null : moreBlocks.get(hash);
        if (more == null) {
            return new long[] {first};
        }
        long[] all = new long[more.length + 1];
        all[0] = first;
        System.arraycopy(more, 0, all, 1, more.length);
        return all;
    }

    /** Whether some block holds a result whose id has this hash. */
    public boolean contains(long hash) {
        return hash == 0 ? hasZero : keys[slot(hash)] != 0;
    }

    /** The number of distinct (hash, block) pairs added. */
    public int size() {
        return size;
    }

    private void addMore(long hash, long block) {
        long[] more = moreBlocks.get(hash);
        if (more == null) {
            moreBlocks.put(hash, new long[] {block});
        } else {
            for (long b : more) {
                if (b == block) {
                    return;
                }
            }
            long[] grown = Arrays.copyOf(more, more.length + 1);
            grown[more.length] = block;
            moreBlocks.put(hash, grown);
        }
        size++;
    }

    /** The slot holding this non-zero hash, or the empty slot where it belongs. */
    private int slot(long hash) {
        int mask = keys.length - 1;
        int slot = (int) ((hash * SPREAD) >>> shift);
        while (keys[slot] != 0 && keys[slot] != hash) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void grow() {
        if (keys.length >= MAX_CAPACITY) {
            throw new IllegalStateException("result id index holds " + used + " hashes, the most it can");
        }
        long[] oldKeys = keys;
        long[] oldValues = values;
        allocate(keys.length * 2);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                int slot = slot(oldKeys[i]);
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new long[capacity];
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        threshold = capacity / 4 * 3;
    }
}
