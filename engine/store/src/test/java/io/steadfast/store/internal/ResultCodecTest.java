package io.steadfast.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;

class ResultCodecTest {

    private static final long SEED = 20240611L;
    private static final Instant FINISHED = Instant.parse("2024-06-11T10:15:30.123Z");

    @Test
    void shouldRoundTripAnEmptyList() {
        byte[] block = ResultCodec.encode(List.of());

        assertThat(ResultCodec.decode(block)).isEmpty();
        assertThat(block).hasSizeLessThanOrEqualTo(6);
    }

    @Test
    void shouldRoundTripAResultWithEveryOptionalFieldAbsent() {
        ResultEvent bare = new ResultEvent(1, "r-1", "checkout", "network", "latency", null, ResultStatus.PASSED,
                null, FINISHED, null, null, null, null, null, null);

        List<ResultEvent> decoded = roundTrip(List.of(bare));

        assertThat(decoded.get(0).target()).isEmpty();
        assertThat(decoded.get(0).measurements()).isSameAs(Measurements.NONE);
    }

    @Test
    void shouldRoundTripEveryStatus() {
        List<ResultEvent> events = new ArrayList<>();
        for (ResultStatus status : ResultStatus.values()) {
            events.add(event("r-" + status, status, FINISHED, Measurements.NONE));
        }

        roundTrip(events);
    }

    @Test
    void shouldRoundTripExtremeNumbers() {
        List<ResultEvent> events = new ArrayList<>();
        for (int schema : new int[] {Integer.MIN_VALUE, -1, 0, 1, 2, Integer.MAX_VALUE}) {
            events.add(withSchema(event("s" + schema, ResultStatus.FAILED, FINISHED, Measurements.NONE), schema));
        }
        long[] longs = {Long.MIN_VALUE, Long.MIN_VALUE + 1, -1, 0, 1, 63, 64, 127, 128, Long.MAX_VALUE};
        int[] ints = {Integer.MIN_VALUE, -1, 0, 1, 100, Integer.MAX_VALUE};
        for (int i = 0; i < longs.length; i++) {
            Measurements m = new Measurements(longs[i], longs[longs.length - 1 - i], ints[i % ints.length],
                    ints[(i + 3) % ints.length]);
            events.add(event("m" + i, ResultStatus.DEGRADED, FINISHED, m));
        }
        events.add(event("partial-1", ResultStatus.PASSED, FINISHED, new Measurements(null, 5L, null, 7)));
        events.add(event("partial-2", ResultStatus.PASSED, FINISHED, new Measurements(3L, null, 4, null)));

        roundTrip(events);
    }

    @Test
    void shouldRoundTripExtremeInstants() {
        Instant[] instants = {Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999),
            Instant.ofEpochSecond(-62_135_596_800L, 1), Instant.ofEpochSecond(253_402_300_799L, 999_999_999),
            Instant.ofEpochSecond(1_700_000_000L, 1_000), Instant.ofEpochSecond(1_700_000_000L, 1_000_000),
            Instant.ofEpochSecond(1_700_000_000L, 123_456_789), Instant.ofEpochSecond(1_700_000_000L, 999_000_000)};
        List<ResultEvent> events = new ArrayList<>();
        for (Instant finished : instants) {
            for (Instant started : instants) {
                events.add(withStartedAt(event("t", ResultStatus.HALTED, finished, Measurements.NONE), started));
            }
            events.add(event("t", ResultStatus.HALTED, finished, Measurements.NONE));
        }

        roundTrip(events);
    }

    @Test
    void shouldRoundTripAnyUnicode() {
        String[] strings = {"", " ", "ä", "€", "日本語", "😀", "a😀b", "\u0000", "\uffff", "\ud800", "\udfff",
            "x\ud83dy", "\ude00\ud83d", "\ud83d\ude00\ud83d", "?", "mixed ∂ \ud800 😀 end",
            "\u007f\u0080\u07ff\u0800"};
        List<ResultEvent> events = new ArrayList<>();
        for (String s : strings) {
            events.add(new ResultEvent(1, "id" + s, s, s + "suite", s, s, ResultStatus.ERROR, null, FINISHED, s, s,
                    s, s, Measurements.NONE, s));
        }

        roundTrip(events);
    }

    @Test
    void shouldWriteEachDistinctStringButResultIdsOnceAndDecodeItToOneInstance() {
        List<ResultEvent> events = typicalBlock(new SplittableRandom(SEED), 30);

        List<ResultEvent> decoded = roundTrip(events);

        assertOneInstancePerDistinctStringButResultIds(decoded, "typical block");
        byte[] block = ResultCodec.encode(events);
        assertThat(occurrences(block, "checkout-service".getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
    }

    @Test
    void shouldRoundTripRandomListsExactly() {
        SplittableRandom random = new SplittableRandom(SEED);
        for (int i = 0; i < 2_000; i++) {
            List<ResultEvent> events = randomList(random);

            byte[] block = ResultCodec.encode(events);
            List<ResultEvent> decoded = ResultCodec.decode(block);

            String description = "random list " + i + " of seed " + SEED;
            assertThat(decoded).as(description).isEqualTo(events);
            assertOneInstancePerDistinctStringButResultIds(decoded, description);
        }
    }

    @Test
    void shouldRejectEveryTruncation() {
        byte[] block = ResultCodec.encode(typicalBlock(new SplittableRandom(SEED), 3));

        for (int length = 0; length < block.length; length++) {
            byte[] truncated = Arrays.copyOf(block, length);

            assertThatThrownBy(() -> ResultCodec.decode(truncated))
                    .as("block truncated to %d of %d bytes", length, block.length)
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("result block");
        }
    }

    @Test
    void shouldRejectEveryTruncationOfTheContentEvenWithAMatchingChecksum() {
        byte[] block = ResultCodec.encode(typicalBlock(new SplittableRandom(SEED), 3));
        byte[] content = Arrays.copyOf(block, block.length - 4);

        for (int length = 2; length < content.length; length++) {
            byte[] truncated = withChecksum(Arrays.copyOf(content, length));

            assertThatThrownBy(() -> ResultCodec.decode(truncated))
                    .as("content truncated to %d of %d bytes", length, content.length)
                    .isExactlyInstanceOf(StoreException.class)
                    .hasMessageContaining("is corrupt");
        }
    }

    @Test
    void shouldRejectEveryFlippedBit() {
        byte[] block = ResultCodec.encode(typicalBlock(new SplittableRandom(SEED), 2));

        for (int bit = 0; bit < block.length * 8; bit++) {
            byte[] corrupt = block.clone();
            corrupt[bit / 8] ^= (byte) (1 << (bit % 8));

            assertThatThrownBy(() -> ResultCodec.decode(corrupt))
                    .as("bit %d flipped", bit)
                    .isExactlyInstanceOf(StoreException.class);
        }
    }

    @Test
    void shouldThrowOnlyStoreExceptionForCorruptContentWithAMatchingChecksum() {
        SplittableRandom random = new SplittableRandom(SEED);
        byte[] block = ResultCodec.encode(typicalBlock(random, 5));
        byte[] content = Arrays.copyOf(block, block.length - 4);

        for (int i = 0; i < 20_000; i++) {
            byte[] mutated = content.clone();
            for (int n = random.nextInt(1, 4); n > 0; n--) {
                mutated[random.nextInt(1, mutated.length)] = (byte) random.nextInt(256);
            }
            byte[] corrupt = withChecksum(mutated);

            Throwable thrown = catchThrowable(() -> ResultCodec.decode(corrupt));

            if (thrown != null) {
                assertThat(thrown).as("mutation %d of seed %d", i, SEED).isExactlyInstanceOf(StoreException.class);
            }
        }
    }

    @Test
    void shouldRejectAnUnknownFormatVersion() {
        byte[] block = ResultCodec.encode(List.of(event("r-1", ResultStatus.PASSED, FINISHED, Measurements.NONE)));
        block[0] = 2;

        assertThatThrownBy(() -> ResultCodec.decode(block))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessage("result block format version 2 is unknown; this build reads version 1");
    }

    @Test
    void shouldRejectAnEmptyBlock() {
        assertThatThrownBy(() -> ResultCodec.decode(new byte[0]))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessage("result block is empty, but must start with its format version");
    }

    @Test
    void shouldRejectTrailingBytes() {
        byte[] block = ResultCodec.encode(List.of(event("r-1", ResultStatus.PASSED, FINISHED, Measurements.NONE)));
        byte[] content = Arrays.copyOf(block, block.length - 4 + 1);

        assertThatThrownBy(() -> ResultCodec.decode(withChecksum(content)))
                .isExactlyInstanceOf(StoreException.class)
                .hasMessageEndingWith("is corrupt: 1 bytes follow the last result");
    }

    @Test
    void shouldRejectANullEventWhenEncoding() {
        List<ResultEvent> events = Arrays.asList(event("r-1", ResultStatus.PASSED, FINISHED, Measurements.NONE), null);

        assertThatThrownBy(() -> ResultCodec.encode(events))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("event at index 1 of 2 must not be null");
    }

    @Test
    void shouldEncodeATypicalServiceBlockCompactly() {
        List<ResultEvent> events = typicalBlock(new SplittableRandom(SEED), 30);
        int resultIdBytes = events.stream().mapToInt(e -> e.resultId().length() + 2).sum();

        byte[] block = ResultCodec.encode(events);

        double perResult = (block.length - resultIdBytes) / 30.0;
        assertThat(perResult).as("bytes per result beyond the result ids, block of %d bytes", block.length)
                .isLessThan(40.0);
    }

    private static List<ResultEvent> roundTrip(List<ResultEvent> events) {
        List<ResultEvent> decoded = ResultCodec.decode(ResultCodec.encode(events));
        assertThat(decoded).isEqualTo(events);
        return decoded;
    }

    private static void assertOneInstancePerDistinctStringButResultIds(List<ResultEvent> decoded, String description) {
        Map<String, String> first = new HashMap<>();
        for (ResultEvent e : decoded) {
            // result ids are unique in a block, written as new strings and not shared
            for (String s : new String[] {e.service(), e.suite(), e.test(), e.target(),
                e.serviceVersion(), e.environment(), e.source(), e.runId(), e.message()}) {
                if (s != null) {
                    assertThat(first.computeIfAbsent(s, k -> s)).as(description + ": instance of '%s'", s).isSameAs(s);
                }
            }
        }
    }

    /** Results of one service as a runner reports them: UUID ids, a few tests, timings and measurements. */
    static List<ResultEvent> typicalBlock(SplittableRandom random, int size) {
        String[] suites = {"network", "process", "dependency"};
        String[] tests = {"latency-500ms", "kill-primary", "drop-packets", "db-unavailable"};
        String[] targets = {"", "pod-a", "pod-b"};
        String runId = new UUID(random.nextLong(), random.nextLong()).toString();
        Instant at = Instant.ofEpochSecond(1_718_000_000L, 0);
        List<ResultEvent> events = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            at = at.plusMillis(random.nextInt(1_000, 120_000));
            Instant started = at.minusMillis(random.nextInt(5_000, 60_000));
            ResultStatus status = random.nextInt(10) < 8 ? ResultStatus.PASSED : ResultStatus.DEGRADED;
            Measurements m = new Measurements((long) random.nextInt(200, 5_000), (long) random.nextInt(500, 30_000),
                    random.nextInt(50, 61), 60);
            events.add(new ResultEvent(1, new UUID(random.nextLong(), random.nextLong()).toString(),
                    "checkout-service", suites[random.nextInt(suites.length)], tests[random.nextInt(tests.length)],
                    targets[random.nextInt(targets.length)], status, started, at, "2.14.3", "staging",
                    "steadfast-runner", runId, m, status == ResultStatus.PASSED ? null : "recovered slowly"));
        }
        return events;
    }

    private static List<ResultEvent> randomList(SplittableRandom random) {
        int size = random.nextInt(10) == 0 ? random.nextInt(100, 400) : random.nextInt(0, 12);
        List<String> pool = new ArrayList<>();
        for (int i = random.nextInt(1, 6); i > 0; i--) {
            pool.add(randomString(random));
        }
        List<ResultEvent> events = new ArrayList<>();
        ResultStatus[] statuses = ResultStatus.values();
        for (int i = 0; i < size; i++) {
            Measurements m = random.nextInt(3) == 0 ? Measurements.NONE
                    : new Measurements(random.nextBoolean() ? null : randomLong(random),
                            random.nextBoolean() ? null : randomLong(random),
                            random.nextBoolean() ? null : (int) randomLong(random),
                            random.nextBoolean() ? null : (int) randomLong(random));
            events.add(new ResultEvent(random.nextInt(4) == 0 ? (int) randomLong(random) : 1,
                    random.nextInt(8) == 0 ? pick(random, pool) : randomString(random), pick(random, pool),
                    pick(random, pool), pick(random, pool), random.nextBoolean() ? null : pick(random, pool),
                    statuses[random.nextInt(statuses.length)],
                    random.nextBoolean() ? null : randomInstant(random), randomInstant(random),
                    optional(random, pool), optional(random, pool), optional(random, pool), optional(random, pool),
                    m, optional(random, pool)));
        }
        return events;
    }

    private static String optional(SplittableRandom random, List<String> pool) {
        return switch (random.nextInt(4)) {
            case 0 -> null;
            case 1 -> randomString(random);
            default -> pick(random, pool);
        };
    }

    private static String pick(SplittableRandom random, List<String> pool) {
        return new String(pool.get(random.nextInt(pool.size()))); // equal, not identical, as after parsing
    }

    private static String randomString(SplittableRandom random) {
        int length = random.nextInt(5) == 0 ? random.nextInt(0, 300) : random.nextInt(0, 12);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0, 1, 2 -> s.append((char) random.nextInt(0x20, 0x7f));
                case 3 -> s.append((char) random.nextInt(0x80, 0x800));
                case 4 -> s.append((char) random.nextInt(0x800, 0x10000)); // includes unpaired surrogates
                default -> s.appendCodePoint(random.nextInt(0x10000, 0x110000));
            }
        }
        return s.toString();
    }

    private static long randomLong(SplittableRandom random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextBoolean() ? Long.MIN_VALUE : Long.MAX_VALUE;
            case 2 -> random.nextBoolean() ? Integer.MIN_VALUE : Integer.MAX_VALUE;
            default -> random.nextLong(-1_000, 100_000);
        };
    }

    private static Instant randomInstant(SplittableRandom random) {
        long seconds = random.nextInt(5) == 0
                ? random.nextLong(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond() + 1)
                : random.nextLong(1_600_000_000L, 1_800_000_000L);
        int nanos = switch (random.nextInt(4)) {
            case 0 -> 0;
            case 1 -> random.nextInt(1_000) * 1_000_000;
            case 2 -> random.nextInt(1_000_000) * 1_000;
            default -> random.nextInt(1_000_000_000);
        };
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static ResultEvent event(String id, ResultStatus status, Instant finished, Measurements m) {
        return new ResultEvent(1, id, "checkout", "network", "latency", "pod-a", status, null, finished, "1.0",
                "prod", "runner", "run-1", m, "ok");
    }

    private static ResultEvent withSchema(ResultEvent e, int schemaVersion) {
        return new ResultEvent(schemaVersion, e.resultId(), e.service(), e.suite(), e.test(), e.target(), e.status(),
                e.startedAt(), e.finishedAt(), e.serviceVersion(), e.environment(), e.source(), e.runId(),
                e.measurements(), e.message());
    }

    private static ResultEvent withStartedAt(ResultEvent e, Instant startedAt) {
        return new ResultEvent(e.schemaVersion(), e.resultId(), e.service(), e.suite(), e.test(), e.target(),
                e.status(), startedAt, e.finishedAt(), e.serviceVersion(), e.environment(), e.source(), e.runId(),
                e.measurements(), e.message());
    }

    private static byte[] withChecksum(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content);
        int checksum = (int) crc.getValue();
        byte[] block = Arrays.copyOf(content, content.length + 4);
        block[content.length] = (byte) (checksum >>> 24);
        block[content.length + 1] = (byte) (checksum >>> 16);
        block[content.length + 2] = (byte) (checksum >>> 8);
        block[content.length + 3] = (byte) checksum;
        return block;
    }

    private static int occurrences(byte[] haystack, byte[] needle) {
        int count = 0;
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                count++;
            }
        }
        return count;
    }
}
