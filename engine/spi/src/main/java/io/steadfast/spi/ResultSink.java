package io.steadfast.spi;

import io.steadfast.spi.result.ResultEvent;
import java.util.List;

/**
 * Where test results go once a runner or a client has them: the store directly, or a Kafka topic
 * that the engine ingests from.
 *
 * <p>Lifecycle: created once by the wiring and closed at shutdown. Implementations must be safe to
 * call from several threads. {@link #publish} returns once the results are accepted durably by the
 * sink (stored, or acknowledged by the broker).
 */
public interface ResultSink extends AutoCloseable {

    /**
     * Publishes the results, in order. A result whose id is already known is accepted once.
     *
     * @throws io.steadfast.spi.errors.RetriableException when the sink is unavailable for now;
     *                                                    publishing the same results again is safe
     */
    void publish(List<ResultEvent> results);

    @Override
    default void close() {
    }
}
