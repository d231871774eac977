package io.steadfast.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ResultIdIndexTest {

    private static final long SEED = 77_031L;

    @Test
    void shouldComputeTheReferenceXxh64OfUtf8Bytes() {
        // published XXH64 (seed 0) digests, covering short inputs, the 8/4/1-byte tails and 32-byte stripes
        assertThat(ResultIdIndex.hash("")).isEqualTo(0xEF46DB3751D8E999L);
        assertThat(ResultIdIndex.hash("a")).isEqualTo(0xD24EC4F1A98C6E5BL);
        assertThat(ResultIdIndex.hash("abc")).isEqualTo(0x44BC2CF5AD770999L);
        assertThat(ResultIdIndex.hash("hello")).isEqualTo(0x26C7827D889F6DA3L);
        assertThat(ResultIdIndex.hash("message digest")).isEqualTo(0x066ED728FCEEB3BEL);
        assertThat(ResultIdIndex.hash("abcdefghijklmnopqrstuvwxyz")).isEqualTo(0xCFE1F278FA89835CL);
        assertThat(ResultIdIndex.hash("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"))
                .isEqualTo(0xAAA46907D3047814L);
        assertThat(ResultIdIndex.hash("1234567890".repeat(8))).isEqualTo(0xE04A477F19EE145DL);
    }

    @Test
    void shouldKeepTheHashesOfResultIdsStable() {
        // stored in the database: a change here breaks every stored index
        assertThat(ResultIdIndex.hash("r-1")).isEqualTo(0x87621F39A429F251L);
        assertThat(ResultIdIndex.hash("3f2c9a1e-8b7d-4c6a-9e5f-1a2b3c4d5e6f")).isEqualTo(0xBF8BC20D35C2BE66L);
        assertThat(ResultIdIndex.hash("ergebnis-ä-€-😀")).isEqualTo(0xC588F7369DA84BEEL);
    }

    @Test
    void shouldGiveAMillionSequentialIdsDistinctHashes() {
        long[] hashes = new long[1_000_000];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = ResultIdIndex.hash("r-" + i);
        }

        assertThat(Arrays.stream(hashes).distinct().count()).isEqualTo(hashes.length);
    }

    @Test
    void shouldFindNothingInAnEmptyIndex() {
        ResultIdIndex index = new ResultIdIndex();

        assertThat(index.blocks(42)).isEmpty();
        assertThat(index.blocks(0)).isEmpty();
        assertThat(index.contains(42)).isFalse();
        assertThat(index.contains(0)).isFalse();
        assertThat(index.size()).isZero();
    }

    @Test
    void shouldKeepEveryBlockOfACollidingHashOnceInTheOrderAdded() {
        for (long hash : new long[] {0, 7, -1, Long.MIN_VALUE, Long.MAX_VALUE}) {
            ResultIdIndex index = new ResultIdIndex();

            index.add(hash, 5);
            index.add(hash, 3);
            index.add(hash, 5);
            index.add(hash, 0);
            index.add(hash, 3);

            assertThat(index.blocks(hash)).as("hash %d", hash).containsExactly(5, 3, 0);
            assertThat(index.contains(hash)).isTrue();
            assertThat(index.size()).isEqualTo(3);
        }
    }

    @Test
    void shouldRejectANegativeExpectedSize() {
        assertThatThrownBy(() -> new ResultIdIndex(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("expected hashes must be >= 0, but was -1");
    }

    @Test
    void shouldMatchAModelOverRandomOperations() {
        for (int expected : new int[] {0, 100_000}) {
            SplittableRandom random = new SplittableRandom(SEED);
            ResultIdIndex index = new ResultIdIndex(expected);
            Map<Long, Set<Long>> model = new HashMap<>();
            long[] colliding = {0, -1, 1, Long.MIN_VALUE, Long.MAX_VALUE, 1L << 32, 1L << 63 >>> 1, 12345};

            for (int op = 0; op < 200_000; op++) {
                long hash = switch (random.nextInt(10)) {
                    case 0 -> colliding[random.nextInt(colliding.length)];
                    case 1 -> random.nextLong(0, 64) << random.nextInt(0, 58); // clustered bit patterns
                    case 2, 3 -> random.nextLong(-2_000, 2_000);
                    default -> random.nextLong();
                };
                if (random.nextInt(10) < 7) {
                    long block = random.nextInt(4) == 0 ? random.nextLong() : random.nextLong(0, 6);
                    index.add(hash, block);
                    model.computeIfAbsent(hash, h -> new LinkedHashSet<>()).add(block);
                }
                long[] blocks = toArray(model.getOrDefault(hash, Set.of()));
                if (index.contains(hash) != model.containsKey(hash) || !Arrays.equals(index.blocks(hash), blocks)) {
                    String description = "operation " + op + " on hash " + hash + " of seed " + SEED;
                    assertThat(index.contains(hash)).as(description).isEqualTo(model.containsKey(hash));
                    assertThat(index.blocks(hash)).as(description).containsExactly(blocks);
                }
            }

            assertThat(model.values().stream().mapToInt(Set::size).sum()).isEqualTo(index.size());
            assertThat(model).hasSizeGreaterThan(80_000);
            for (Map.Entry<Long, Set<Long>> entry : model.entrySet()) {
                assertThat(index.blocks(entry.getKey())).as("hash %d", entry.getKey())
                        .containsExactly(toArray(entry.getValue()));
            }
        }
    }

    private static long[] toArray(Set<Long> blocks) {
        return blocks.stream().mapToLong(Long::longValue).toArray();
    }
}
