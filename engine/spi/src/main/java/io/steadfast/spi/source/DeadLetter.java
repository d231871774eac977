package io.steadfast.spi.source;

import java.util.Objects;

/**
 * A record that can never be processed, and why: it goes to the dead-letter destination with its
 * original bytes, and the stream goes on past it.
 *
 * @param record the record, as received
 * @param reason why it was rejected, in the product's message formula
 */
public record DeadLetter(RawRecord record, String reason) {

    public DeadLetter {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(reason, "reason");
    }
}
