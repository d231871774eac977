package io.steadfast.connectors.kafka;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.connectors.kafka.internal.Clients;
import io.steadfast.connectors.kafka.internal.Once;
import io.steadfast.connectors.kafka.internal.ResultJson;
import io.steadfast.connectors.kafka.internal.Topics;
import io.steadfast.spi.ResultSink;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.result.ResultEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Publishes results to the results topic ({@code steadfast.results}), keyed by service id, with an
 * idempotent producer and {@code acks=all}: {@link #publish} returns once every in-sync replica has
 * every result. Creates the topics when missing, on first use. Thread-safe.
 */
public final class KafkaResultSink implements ResultSink {

    private final KafkaSettings settings;
    private final Producer<String, byte[]> producer;
    private final Once ensureTopics;

    public KafkaResultSink(KafkaSettings settings) {
        this(settings, Clients.producer(settings, "steadfast-sink"), () -> Topics.ensure(settings));
    }

    /** With a producer of the caller's (a {@code MockProducer} in tests) and how topics are ensured. */
    public KafkaResultSink(KafkaSettings settings, Producer<String, byte[]> producer, Runnable ensureTopics) {
        this.settings = settings;
        this.producer = producer;
        this.ensureTopics = new Once(ensureTopics);
    }

    /**
     * @throws RetriableException  when the cluster did not acknowledge in time; publishing again is
     *                             safe (results are idempotent by id)
     * @throws SteadfastException  when the cluster refused a record
     */
    @Override
    public void publish(List<ResultEvent> results) {
        ensureTopics.run();
        List<Future<RecordMetadata>> sent = new ArrayList<>(results.size());
        for (ResultEvent result : results) {
            sent.add(producer.send(new ProducerRecord<>(settings.resultsTopic(), result.service(),
                    ResultJson.bytes(result))));
        }
        producer.flush();
        for (int i = 0; i < sent.size(); i++) {
            await(sent.get(i), results.get(i));
        }
    }

    private void await(Future<RecordMetadata> future, ResultEvent result) {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while publishing result '" + result.resultId() + "'", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = "result '" + result.resultId() + "' must be acknowledged by topic '"
                    + settings.resultsTopic() + "', but was not: " + cause.getMessage();
            throw cause instanceof org.apache.kafka.common.errors.RetriableException
                    ? new RetriableException(message, cause) : new SteadfastException(message, cause);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
