package io.steadfast.spi.source;

import java.util.Objects;

/**
 * How far a source's consumer is behind on one partition it reads: the records written to the
 * partition that this consumer has not consumed yet (Kafka: the high watermark minus the position).
 *
 * @param topic     the topic (or stream) read
 * @param partition the partition number
 * @param lag       records not consumed yet, {@code >= 0}
 */
public record PartitionLag(String topic, int partition, long lag) {

    public PartitionLag {
        Objects.requireNonNull(topic, "topic");
        if (lag < 0) {
            throw new IllegalArgumentException("lag of '" + topic + "-" + partition + "' must be >= 0, but was " + lag);
        }
    }
}
