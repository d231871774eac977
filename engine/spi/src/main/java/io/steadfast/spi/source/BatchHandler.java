package io.steadfast.spi.source;

import io.steadfast.spi.errors.RetriableException;
import java.util.List;

/**
 * Processes a batch of raw records for a {@link io.steadfast.spi.ResultSource}.
 *
 * <p>Contract: when {@link #handle} returns, every record of the batch is either durably
 * processed or listed in the outcome's dead letters; only then does the source commit the batch.
 * Processing must be idempotent, because after a crash or a rebalance a batch may be handed over
 * again. Throw {@link RetriableException} when the batch could not be processed now but may be
 * later (nothing of it was kept): the source backs off and hands the same records over again. Any
 * other exception is fatal: the source stops without committing and rethrows it.
 *
 * <p>Threading: called by the source's consume thread only, one batch at a time.
 */
@FunctionalInterface
public interface BatchHandler {

    BatchOutcome handle(List<RawRecord> batch) throws RetriableException;
}
