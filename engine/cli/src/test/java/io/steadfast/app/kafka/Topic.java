package io.steadfast.app.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Test helper: every record now on a topic, read from its start without a consumer group. */
public final class Topic {

    private Topic() {
    }

    /** @param client Kafka client settings: the address and credential of the cluster */
    public static List<ConsumerRecord<String, byte[]>> read(Map<String, String> client, String topic) {
        Map<String, Object> props = new HashMap<>(client);
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
            if (partitions.isEmpty()) {
                return records;
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The offsets a consumer group has committed, by partition (partitions without a commit left out). */
    public static Map<TopicPartition, Long> committed(Map<String, String> client, String group) {
        try (Admin admin = Admin.create(new HashMap<>(client))) {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().forEach((p, at) -> {
                if (at != null) {
                    offsets.put(p, at.offset());
                }
            });
            return offsets;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("offsets of consumer group '" + group + "' must be readable", e);
        }
    }

    /** Records on the topic not yet covered by the group's committed offsets. */
    public static long lag(Map<String, String> client, String topic, String group) {
        Map<TopicPartition, Long> committed = committed(client, group);
        try (Admin admin = Admin.create(new HashMap<>(client))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                lag += end.getValue().offset() - committed.getOrDefault(end.getKey(), 0L);
            }
            return lag;
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException("end offsets of topic '" + topic + "' must be readable", e);
        }
    }
}
