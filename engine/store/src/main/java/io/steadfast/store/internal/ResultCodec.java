package io.steadfast.store.internal;

import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import io.steadfast.store.StoreException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Encodes a list of results as one compact binary block, the way the store keeps a service's
 * results in one database row, and decodes it back exactly: {@code decode(encode(list))} equals
 * {@code list}, in order, for every list.
 *
 * <p>Format version 1; "varint" is an unsigned LEB128 varint, "zigzag" a signed value zigzag-encoded
 * into one:
 * <pre>
 * block   = version:byte(1)  count:varint  event*count  crc:int32-big-endian
 * event   = header:byte  schemaVersion:zigzag
 *           resultId service suite test target serviceVersion environment source runId message  (each a string)
 *           finishedSeconds:zigzag(finishedAt seconds - the previous event's, or - 0 for the first)
 *           finishedNanos:nanos
 *           [startedSeconds:zigzag(startedAt seconds - finishedAt seconds)  startedNanos:nanos]
 *           [timeToDetectMs:zigzag] [timeToRecoverMs:zigzag] [probesPassed:zigzag] [probesTotal:zigzag]
 * header  = status ordinal (bits 0-2) | startedAt present (bit 3) | timeToDetectMs, timeToRecoverMs,
 *           probesPassed, probesTotal present (bits 4-7)
 * string  = varint 0: null | 1: a new string, then varint (length &lt;&lt; 1 | form) and its bytes
 *           | n &gt;= 2: the block's new string number n - 2, counting from 0
 *           form 0: UTF-8, length in bytes; form 1 (only for strings with unpaired surrogates): UTF-16BE,
 *           length in chars
 * nanos   = varint (millis &lt;&lt; 2 | 0) when whole milliseconds, (micros &lt;&lt; 2 | 1) when whole microseconds,
 *           else (nanos &lt;&lt; 2 | 2)
 * crc     = CRC-32C of every byte before it
 * </pre>
 * Every distinct string of the other fields is written once per block, so a block of one service's
 * results repeats little but the result ids, and the decoded events share one {@code String}
 * instance per distinct value, which keeps cached decoded blocks small. Result ids are written as new
 * strings and never referred to (a reader takes any string as new or as a reference alike).
 *
 * <p>Decoding checks the checksum and every bound: a block of an unknown version, cut short, whose
 * checksum does not match or that breaks the format gives a {@link StoreException} naming the
 * fault, never another exception.
 *
 * <p>Stateless and thread-safe.
 */
public final class ResultCodec {

    /** The format this class writes and reads; the first byte of every block. */
    static final byte FORMAT_VERSION = 1;

    private static final ResultStatus[] STATUSES = ResultStatus.values();
    private static final int HAS_STARTED_AT = 1 << 3;
    private static final int HAS_TIME_TO_DETECT = 1 << 4;
    private static final int HAS_TIME_TO_RECOVER = 1 << 5;
    private static final int HAS_PROBES_PASSED = 1 << 6;
    private static final int HAS_PROBES_TOTAL = 1 << 7;
    private static final int STRING_NULL = 0;
    private static final int STRING_NEW = 1;
    private static final int STRING_FIRST_REFERENCE = 2;
    private static final int CRC_BYTES = 4;

    static {
        if (STATUSES.length > 8) {
            throw new IllegalStateException("ResultCodec keeps a status in 3 bits, but ResultStatus has "
                    + STATUSES.length + " values");
        }
    }

    private ResultCodec() {
    }

    /** The block holding these results, in this order. */
    public static byte[] encode(List<ResultEvent> events) {
        Objects.requireNonNull(events, "events");
        Writer out = new Writer(16 + events.size() * 96, 16 + events.size() * 4);
        out.buf[out.pos++] = FORMAT_VERSION;
        out.varint(events.size());
        long previousFinished = 0;
        for (int i = 0; i < events.size(); i++) {
            ResultEvent event = events.get(i);
            if (event == null) {
                throw new NullPointerException("event at index " + i + " of " + events.size() + " must not be null");
            }
            Measurements m = event.measurements();
            int header = event.status().ordinal()
                    | (event.startedAt() != null ? HAS_STARTED_AT : 0)
                    | (m.timeToDetectMs() != null ? HAS_TIME_TO_DETECT : 0)
                    | (m.timeToRecoverMs() != null ? HAS_TIME_TO_RECOVER : 0)
                    | (m.probesPassed() != null ? HAS_PROBES_PASSED : 0)
                    | (m.probesTotal() != null ? HAS_PROBES_TOTAL : 0);
            out.ensure(1);
            out.buf[out.pos++] = (byte) header;
            out.zigzag(event.schemaVersion());
            out.newString(event.resultId()); // unique in a block: never referred to again
            out.string(0, event.service());
            out.string(1, event.suite());
            out.string(2, event.test());
            out.string(3, event.target());
            out.string(4, event.serviceVersion());
            out.string(5, event.environment());
            out.string(6, event.source());
            out.string(7, event.runId());
            out.string(8, event.message());
            long finished = event.finishedAt().getEpochSecond();
            out.zigzag(finished - previousFinished);
            out.nanos(event.finishedAt().getNano());
            previousFinished = finished;
            if (event.startedAt() != null) {
                out.zigzag(event.startedAt().getEpochSecond() - finished);
                out.nanos(event.startedAt().getNano());
            }
            if (m.timeToDetectMs() != null) {
                out.zigzag(m.timeToDetectMs());
            }
            if (m.timeToRecoverMs() != null) {
                out.zigzag(m.timeToRecoverMs());
            }
            if (m.probesPassed() != null) {
                out.zigzag(m.probesPassed());
            }
            if (m.probesTotal() != null) {
                out.zigzag(m.probesTotal());
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(out.buf, 0, out.pos);
        int checksum = (int) crc.getValue();
        out.ensure(CRC_BYTES);
        out.buf[out.pos++] = (byte) (checksum >>> 24);
        out.buf[out.pos++] = (byte) (checksum >>> 16);
        out.buf[out.pos++] = (byte) (checksum >>> 8);
        out.buf[out.pos++] = (byte) checksum;
        return Arrays.copyOf(out.buf, out.pos);
    }

    /**
     * The results in a block made by {@link #encode}, in their order, as an unmodifiable list.
     *
     * @throws StoreException when the block is of an unknown format version, truncated or corrupt
     */
    public static List<ResultEvent> decode(byte[] data) {
        Objects.requireNonNull(data, "data");
        if (data.length == 0) {
            throw new StoreException("result block is empty, but must start with its format version");
        }
        if (data[0] != FORMAT_VERSION) {
            throw new StoreException("result block format version " + (data[0] & 0xff)
                    + " is unknown; this build reads version " + FORMAT_VERSION);
        }
        if (data.length < 1 + 1 + CRC_BYTES) {
            throw new StoreException("result block must be at least " + (1 + 1 + CRC_BYTES)
                    + " bytes long, but was " + data.length);
        }
        int limit = data.length - CRC_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(data, 0, limit);
        int expected = ((data[limit] & 0xff) << 24) | ((data[limit + 1] & 0xff) << 16)
                | ((data[limit + 2] & 0xff) << 8) | (data[limit + 3] & 0xff);
        if ((int) crc.getValue() != expected) {
            throw new StoreException("result block of " + data.length + " bytes is corrupt: its CRC-32C is "
                    + String.format("0x%08x", expected) + ", but its content gives "
                    + String.format("0x%08x", (int) crc.getValue()));
        }
        return new Reader(data, limit).events();
    }

    /**
     * A growable byte array and the strings written to it so far. Each field's last string is kept
     * beside the dictionary: most fields repeat the previous event's value, which is then referred to
     * without hashing it.
     */
    private static final class Writer {

        private static final int FIELDS = 9;

        private final HashMap<String, Integer> strings;
        private final String[] lastString = new String[FIELDS];
        private final int[] lastNumber = new int[FIELDS];
        private int count;
        private byte[] buf;
        private int pos;

        Writer(int capacity, int expectedStrings) {
            buf = new byte[capacity];
            strings = new HashMap<>(expectedStrings * 4 / 3 + 1);
        }

        void ensure(int bytes) {
            if (buf.length - pos < bytes) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + bytes));
            }
        }

        void varint(long value) {
            ensure(10);
            while ((value & ~0x7fL) != 0) {
                buf[pos++] = (byte) ((value & 0x7f) | 0x80);
                value >>>= 7;
            }
            buf[pos++] = (byte) value;
        }

        void zigzag(long value) {
            varint((value << 1) ^ (value >> 63));
        }

        void nanos(int nanos) {
            if (nanos % 1_000_000 == 0) {
                varint((long) (nanos / 1_000_000) << 2);
            } else if (nanos % 1_000 == 0) {
                varint((long) (nanos / 1_000) << 2 | 1);
            } else {
                varint((long) nanos << 2 | 2);
            }
        }

        /** Field {@code field}'s string: a reference when the block has it already, else a new one. */
        void string(int field, String value) {
            if (value == null) {
                varint(STRING_NULL);
                return;
            }
            String last = lastString[field];
            if (value.equals(last)) {
                varint(STRING_FIRST_REFERENCE + (long) lastNumber[field]);
                return;
            }
            Integer number = strings.get(value);
            if (number == null) {
                number = count;
                strings.put(value, number);
                newString(value);
            } else {
                varint(STRING_FIRST_REFERENCE + (long) number);
            }
            lastString[field] = value;
            lastNumber[field] = number;
        }

        /** A new string of the block, never referred to by {@link #string}: a null is written as such. */
        void newString(String value) {
            if (value == null) {
                varint(STRING_NULL);
                return;
            }
            count++;
            varint(STRING_NEW);
            int utf8Length = utf8Length(value);
            if (utf8Length < 0) {
                utf16(value);
            } else {
                utf8(value, utf8Length);
            }
        }

        private void utf8(String value, int utf8Length) {
            varint((long) utf8Length << 1);
            ensure(utf8Length);
            int length = value.length();
            if (utf8Length == length) {
                for (int i = 0; i < length; i++) {
                    buf[pos++] = (byte) value.charAt(i);
                }
                return;
            }
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c < 0x80) {
                    buf[pos++] = (byte) c;
                } else if (c < 0x800) {
                    buf[pos++] = (byte) (0xc0 | c >> 6);
                    buf[pos++] = (byte) (0x80 | c & 0x3f);
                } else if (Character.isHighSurrogate(c)) {
                    int cp = Character.toCodePoint(c, value.charAt(++i));
                    buf[pos++] = (byte) (0xf0 | cp >> 18);
                    buf[pos++] = (byte) (0x80 | cp >> 12 & 0x3f);
                    buf[pos++] = (byte) (0x80 | cp >> 6 & 0x3f);
                    buf[pos++] = (byte) (0x80 | cp & 0x3f);
                } else {
                    buf[pos++] = (byte) (0xe0 | c >> 12);
                    buf[pos++] = (byte) (0x80 | c >> 6 & 0x3f);
                    buf[pos++] = (byte) (0x80 | c & 0x3f);
                }
            }
        }

        /** Strings UTF-8 cannot carry, those with unpaired surrogates, as UTF-16 chars. */
        private void utf16(String value) {
            int length = value.length();
            varint((long) length << 1 | 1);
            ensure(length * 2);
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                buf[pos++] = (byte) (c >> 8);
                buf[pos++] = (byte) c;
            }
        }

        /** The UTF-8 length of this string, or -1 when it has an unpaired surrogate. */
        private static int utf8Length(String value) {
            int length = value.length();
            int bytes = length;
            for (int i = 0; i < length; i++) {
                char c = value.charAt(i);
                if (c < 0x80) {
                    continue;
                }
                if (c < 0x800) {
                    bytes += 1;
                } else if (!Character.isSurrogate(c)) {
                    bytes += 2;
                } else if (Character.isHighSurrogate(c) && i + 1 < length
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    bytes += 2; // four bytes for the two chars
                    i++;
                } else {
                    return -1;
                }
            }
            return bytes;
        }
    }

    /** A cursor over one block, checking every read against the end of its content. */
    private static final class Reader {

        private final byte[] data;
        private final int limit;
        private int pos = 1;
        private int event;
        private int count;
        private String[] strings = new String[16];
        private int stringCount;

        Reader(byte[] data, int limit) {
            this.data = data;
            this.limit = limit;
        }

        List<ResultEvent> events() {
            long declared = varint();
            if (declared > limit - pos) {
                throw corrupt("it declares " + declared + " results, but has only " + (limit - pos)
                        + " bytes left for them");
            }
            count = (int) declared;
            ResultEvent[] events = new ResultEvent[count];
            long previousFinished = 0;
            for (event = 0; event < count; event++) {
                int header = data[checkAvailable(1)] & 0xff;
                pos++;
                int status = header & 0x7;
                if (status >= STATUSES.length) {
                    throw corrupt("status " + status + " is not one of the " + STATUSES.length + " known");
                }
                int schemaVersion = toInt(zigzag(), "schema version");
                String resultId = required("result id");
                String service = required("service");
                String suite = required("suite");
                String test = required("test");
                String target = required("target");
                String serviceVersion = string();
                String environment = string();
                String source = string();
                String runId = string();
                String message = string();
                long finished = previousFinished + zigzag();
                previousFinished = finished;
                Instant finishedAt = instant(finished, nanos());
                Instant startedAt = null;
                if ((header & HAS_STARTED_AT) != 0) {
                    startedAt = instant(finished + zigzag(), nanos());
                }
                Measurements measurements = Measurements.NONE;
                if ((header & (HAS_TIME_TO_DETECT | HAS_TIME_TO_RECOVER | HAS_PROBES_PASSED | HAS_PROBES_TOTAL)) != 0) {
                    Long timeToDetect = (header & HAS_TIME_TO_DETECT) != 0 ? zigzag() : null;
                    Long timeToRecover = (header & HAS_TIME_TO_RECOVER) != 0 ? zigzag() : null;
                    Integer probesPassed = (header & HAS_PROBES_PASSED) != 0 ? toInt(zigzag(), "probes passed") : null;
                    Integer probesTotal = (header & HAS_PROBES_TOTAL) != 0 ? toInt(zigzag(), "probes total") : null;
                    measurements = new Measurements(timeToDetect, timeToRecover, probesPassed, probesTotal);
                }
                events[event] = new ResultEvent(schemaVersion, resultId, service, suite, test, target,
                        STATUSES[status], startedAt, finishedAt, serviceVersion, environment, source, runId,
                        measurements, message);
            }
            if (pos != limit) {
                throw corrupt((limit - pos) + " bytes follow the last result");
            }
            return Collections.unmodifiableList(Arrays.asList(events));
        }

        private long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = data[checkAvailable(1)];
                pos++;
                value |= (long) (b & 0x7f) << shift;
                if (b >= 0) {
                    if (shift == 63 && b > 1) {
                        break;
                    }
                    return value;
                }
            }
            throw corrupt("the varint ending at byte " + pos + " does not fit in 64 bits");
        }

        private long zigzag() {
            long value = varint();
            return (value >>> 1) ^ -(value & 1);
        }

        private int nanos() {
            long value = varint();
            long unit = switch ((int) (value & 3)) {
                case 0 -> 1_000_000L;
                case 1 -> 1_000L;
                case 2 -> 1L;
                default -> throw corrupt("nanosecond form 3 is unknown");
            };
            long nanos = value >>> 2;
            if (nanos >= 1_000_000_000L / unit) {
                throw corrupt("nanoseconds " + nanos + " times " + unit + " are not below 1,000,000,000");
            }
            return (int) (nanos * unit);
        }

        private Instant instant(long seconds, int nanos) {
            if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
                throw corrupt("epoch second " + seconds + " is outside the range of Instant");
            }
            return Instant.ofEpochSecond(seconds, nanos);
        }

        private String required(String field) {
            String value = string();
            if (value == null) {
                throw corrupt("its " + field + " is null");
            }
            return value;
        }

        private String string() {
            long reference = varint();
            if (reference == STRING_NULL) {
                return null;
            }
            if (reference != STRING_NEW) {
                long index = reference - STRING_FIRST_REFERENCE;
                if (index >= stringCount) {
                    throw corrupt("string reference " + index + " points past the " + stringCount
                            + " strings read so far");
                }
                return strings[(int) index];
            }
            long header = varint();
            long length = header >>> 1;
            String value;
            if ((header & 1) == 0) {
                int start = checkAvailable(length);
                value = new String(data, start, (int) length, StandardCharsets.UTF_8);
                pos += (int) length;
            } else {
                int start = checkAvailable(length > Integer.MAX_VALUE ? length : length * 2);
                char[] chars = new char[(int) length];
                for (int i = 0; i < chars.length; i++) {
                    chars[i] = (char) ((data[start + 2 * i] & 0xff) << 8 | (data[start + 2 * i + 1] & 0xff));
                }
                value = new String(chars);
                pos += chars.length * 2;
            }
            if (stringCount == strings.length) {
                strings = Arrays.copyOf(strings, stringCount * 2);
            }
            strings[stringCount++] = value;
            return value;
        }

        private int toInt(long value, String field) {
            if (value != (int) value) {
                throw corrupt("its " + field + " " + value + " does not fit in an int");
            }
            return (int) value;
        }

        /** The current position, after checking that this many bytes follow it. */
        private int checkAvailable(long bytes) {
            if (bytes > limit - pos) {
                throw corrupt("it ends after " + (limit - pos) + " of the " + bytes + " bytes needed at byte " + pos);
            }
            return pos;
        }

        private StoreException corrupt(String reason) {
            String where = event < count ? " in result " + (event + 1) + " of " + count : "";
            return new StoreException("result block of " + data.length + " bytes is corrupt" + where + ": " + reason);
        }
    }
}
