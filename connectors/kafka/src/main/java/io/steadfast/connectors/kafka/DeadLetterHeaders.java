package io.steadfast.connectors.kafka;

/**
 * The headers of a record on the dead-letter topic ({@code steadfast.results.dlq}). Its key and
 * value are the original record's, byte for byte; its headers say why it was rejected and where it
 * came from. All header values are UTF-8 text.
 */
public final class DeadLetterHeaders {

    /** Why the record was rejected, in the product's message formula. */
    public static final String REASON = "steadfast.dlq.reason";
    /** The topic it was read from. */
    public static final String TOPIC = "steadfast.dlq.topic";
    /** The partition it was read from, in decimal. */
    public static final String PARTITION = "steadfast.dlq.partition";
    /** Its offset in that partition, in decimal. */
    public static final String OFFSET = "steadfast.dlq.offset";

    private DeadLetterHeaders() {
    }
}
