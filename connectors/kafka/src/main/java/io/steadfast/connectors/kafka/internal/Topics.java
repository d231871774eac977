package io.steadfast.connectors.kafka.internal;

import io.steadfast.connectors.kafka.config.KafkaSettings;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.errors.SteadfastException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates Steadfast's topics when they are missing (never alters existing ones). */
public final class Topics {

    private static final long TIMEOUT_SECONDS = 60;
    private static final long LEADER_POLL_MS = 50;

    private Topics() {
    }

    /** Ensures the results, dead-letter, (compacted) scores and gates topics exist. */
    public static void ensure(KafkaSettings settings) {
        Map<String, Object> props = new HashMap<>(settings.clientProperties());
        try (Admin admin = Admin.create(props)) {
            Set<String> existing = await(admin.listTopics().names(), settings);
            List<NewTopic> missing = new ArrayList<>();
            String maxBytes = Integer.toString(settings.maxMessageBytes());
            if (!existing.contains(settings.resultsTopic())) {
                missing.add(topic(settings, settings.resultsTopic(), Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes)));
            }
            if (!existing.contains(settings.dlqTopic())) {
                missing.add(topic(settings, settings.dlqTopic(), Map.of(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, maxBytes)));
            }
            if (!existing.contains(settings.scoresTopic())) {
                missing.add(topic(settings, settings.scoresTopic(),
                        Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)));
            }
            if (!existing.contains(settings.gatesTopic())) {
                missing.add(topic(settings, settings.gatesTopic(), Map.of()));
            }
            if (missing.isEmpty()) {
                return;
            }
            for (KafkaFuture<Void> created : admin.createTopics(missing).values().values()) {
                try {
                    await(created, settings);
                } catch (SteadfastException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            awaitLeaders(admin, missing, settings);
        }
    }

    /**
     * Waits until the leader of every partition of the new topics serves it. A topic's creation is
     * acknowledged before its leader serves it: an idempotent producer sending at once may have its
     * first request refused (not the leader) and a later one accepted, and then retries the first
     * until it expires with an out-of-order sequence (KAFKA-15591). Listing a partition's end offset
     * succeeds only once its leader has it.
     */
    private static void awaitLeaders(Admin admin, List<NewTopic> topics, KafkaSettings settings) {
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        for (NewTopic topic : topics) {
            for (int p = 0; p < topic.numPartitions(); p++) {
                partitions.put(new TopicPartition(topic.name(), p), OffsetSpec.latest());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                await(admin.listOffsets(partitions).all(), settings);
                return;
            } catch (RetriableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            try {
                Thread.sleep(LEADER_POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RetriableException("interrupted while waiting for the leaders of " + partitions.keySet(), e);
            }
        }
    }

    private static NewTopic topic(KafkaSettings settings, String name, Map<String, String> configs) {
        // Replication factor: the cluster's default (1 on the embedded broker).
        return new NewTopic(name, Optional.of(settings.partitions()), Optional.empty()).configs(configs);
    }

    private static <T> T await(KafkaFuture<T> future, KafkaSettings settings) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new RetriableException("kafka cluster '" + settings.bootstrapServers()
                    + "' must answer topic requests, but did not within " + TIMEOUT_SECONDS + "s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RetriableException("interrupted while creating topics on '" + settings.bootstrapServers() + "'", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            String message = "kafka cluster '" + settings.bootstrapServers() + "' must create topics, but said: "
                    + cause.getMessage();
            throw cause instanceof org.apache.kafka.common.errors.RetriableException
                    ? new RetriableException(message, cause) : new SteadfastException(message, cause);
        }
    }
}
