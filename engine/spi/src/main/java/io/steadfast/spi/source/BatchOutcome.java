package io.steadfast.spi.source;

import java.util.List;

/**
 * What a {@link BatchHandler} did with a batch: every record of the batch was either processed
 * durably or is listed here to be dead-lettered.
 *
 * @param deadLetters the records to dead-letter, with their reasons (empty when all were good)
 */
public record BatchOutcome(List<DeadLetter> deadLetters) {

    public static final BatchOutcome ALL_PROCESSED = new BatchOutcome(List.of());

    public BatchOutcome {
        deadLetters = List.copyOf(deadLetters);
    }
}
