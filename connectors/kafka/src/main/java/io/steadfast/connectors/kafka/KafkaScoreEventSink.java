package io.steadfast.connectors.kafka;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.connectors.kafka.internal.Clients;
import io.steadfast.connectors.kafka.internal.Once;
import io.steadfast.connectors.kafka.internal.EventJson;
import io.steadfast.connectors.kafka.internal.Topics;
import io.steadfast.spi.ScoreEventSink;
import io.steadfast.spi.event.GateEvent;
import io.steadfast.spi.event.ScoreEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Announces score changes on the compacted scores topic ({@code steadfast.scores}) and gate
 * decisions on {@code steadfast.gates}, both keyed by service id, as JSON. Sends without waiting
 * (one idempotent producer, so one service's events stay in order) and logs a failure instead of
 * throwing; {@link #close} waits up to {@value #CLOSE_TIMEOUT_SECONDS}s for what is in flight.
 * Creates the topics when missing, on first use. Thread-safe.
 */
public final class KafkaScoreEventSink implements ScoreEventSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaScoreEventSink.class);
    static final long CLOSE_TIMEOUT_SECONDS = 10;
    /** The header carrying a score event's stable id (see {@link #deliverScoreChanged}). */
    public static final String EVENT_ID_HEADER = "eventId";

    private final KafkaSettings settings;
    private final Producer<String, byte[]> producer;
    private final Once ensureTopics;

    public KafkaScoreEventSink(KafkaSettings settings) {
        this(settings, Clients.eventProducer(settings, "steadfast-events"), () -> Topics.ensure(settings));
    }

    /** With a producer of the caller's (a {@code MockProducer} in tests) and how topics are ensured. */
    public KafkaScoreEventSink(KafkaSettings settings, Producer<String, byte[]> producer, Runnable ensureTopics) {
        this.settings = settings;
        this.producer = producer;
        this.ensureTopics = new Once(ensureTopics);
    }

    @Override
    public void scoreChanged(ScoreEvent event) {
        send(settings.scoresTopic(), event.service(), () -> EventJson.bytes(event));
    }

    /** Sends with the header {@code eventId}; completes on the broker's acknowledgement. */
    @Override
    public CompletableFuture<Void> deliverScoreChanged(String eventId, ScoreEvent event) {
        CompletableFuture<Void> delivered = new CompletableFuture<>();
        try {
            ensureTopics.run();
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(settings.scoresTopic(), event.service(),
                    EventJson.bytes(event));
            record.headers().add(EVENT_ID_HEADER, eventId.getBytes(StandardCharsets.UTF_8));
            producer.send(record, (metadata, failure) -> {
                if (failure != null) {
                    delivered.completeExceptionally(failure);
                } else {
                    delivered.complete(null);
                }
            });
        } catch (RuntimeException e) {
            delivered.completeExceptionally(e);
        }
        return delivered;
    }

    @Override
    public void gateRecorded(GateEvent event) {
        send(settings.gatesTopic(), event.service(), () -> event.decisionJson().getBytes(StandardCharsets.UTF_8));
    }

    private void send(String topic, String service, java.util.function.Supplier<byte[]> value) {
        try {
            ensureTopics.run();
            producer.send(new ProducerRecord<>(topic, service, value.get()), (metadata, failure) -> {
                if (failure != null) {
                    LOG.warn("event of service '{}' was not published to '{}': {}", service, topic, failure.getMessage());
                }
            });
        } catch (RuntimeException e) {
            LOG.warn("event of service '{}' was not published to '{}': {}", service, topic, e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ofSeconds(CLOSE_TIMEOUT_SECONDS));
        } catch (RuntimeException e) {
            LOG.warn("closing the event producer failed: {}", e.getMessage());
        }
    }
}
