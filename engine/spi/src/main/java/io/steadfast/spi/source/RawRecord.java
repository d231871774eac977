package io.steadfast.spi.source;

import java.time.Instant;
import java.util.Objects;

/**
 * One record as a {@link io.steadfast.spi.ResultSource} received it, before any parsing: where it
 * came from and its bytes, untouched, so that a record that cannot be read can be dead-lettered
 * exactly as it arrived.
 *
 * @param topic     the topic (or other stream) it was read from
 * @param partition the partition within it ({@code 0} for an unpartitioned source)
 * @param offset    its position within the partition
 * @param key       its key as UTF-8 text (the service id for results), or null
 * @param value     its bytes, or null for a record without a value (a tombstone); not copied
 * @param timestamp when the source says it was written, or null when unknown
 */
public record RawRecord(String topic, int partition, long offset, String key, byte[] value, Instant timestamp) {

    public RawRecord {
        Objects.requireNonNull(topic, "topic");
        if (partition < 0) {
            throw new IllegalArgumentException("partition must be >= 0, but was " + partition);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be >= 0, but was " + offset);
        }
    }

    /** {@code topic-partition@offset}, for messages and as a parser's origin. */
    public String origin() {
        return topic + "-" + partition + "@" + offset;
    }

    @Override
    public String toString() {
        return "RawRecord[" + origin() + ", key=" + key + ", " + (value == null ? "no value" : value.length + " bytes")
                + "]";
    }
}
