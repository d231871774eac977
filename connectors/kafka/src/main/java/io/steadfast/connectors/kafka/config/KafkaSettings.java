package io.steadfast.connectors.kafka.config;

import io.steadfast.spi.errors.SteadfastException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The Kafka connector's settings, read from the flat map a provider is given.
 *
 * <p>Keys starting with {@code steadfast.} are the connector's own (below); every other key is a
 * Kafka client property passed to the producer, the consumer and the admin client alike (so SASL
 * and SSL settings go in as they are). {@code bootstrap.servers} is required.
 *
 * <table>
 *   <caption>The connector's own keys</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code steadfast.topic.results}</td><td>{@code steadfast.results}</td></tr>
 *   <tr><td>{@code steadfast.topic.dlq}</td><td>{@code steadfast.results.dlq}</td></tr>
 *   <tr><td>{@code steadfast.topic.scores}</td><td>{@code steadfast.scores} (compacted)</td></tr>
 *   <tr><td>{@code steadfast.topic.gates}</td><td>{@code steadfast.gates}</td></tr>
 *   <tr><td>{@code steadfast.topic.partitions}</td><td>3: partitions of topics created when missing</td></tr>
 *   <tr><td>{@code steadfast.topic.max-message-bytes}</td><td>4 MiB: the results and DLQ topics' limit, above
 *       the engine's 1 MiB record limit, so that an oversized record reaches the engine and its DLQ copy fits</td></tr>
 *   <tr><td>{@code steadfast.group.id}</td><td>{@code steadfast-engine}</td></tr>
 *   <tr><td>{@code steadfast.poll.timeout.ms}</td><td>500</td></tr>
 *   <tr><td>{@code steadfast.retry.backoff.ms}</td><td>200: first pause after a retriable failure, doubled each time (each pause varied by up to 25%)</td></tr>
 *   <tr><td>{@code steadfast.retry.backoff.max.ms}</td><td>30000</td></tr>
 * </table>
 */
public record KafkaSettings(
        String bootstrapServers,
        Map<String, String> clientProperties,
        String resultsTopic,
        String dlqTopic,
        String scoresTopic,
        String gatesTopic,
        int partitions,
        int maxMessageBytes,
        String groupId,
        Duration pollTimeout,
        Duration retryBackoff,
        Duration maxRetryBackoff) {

    public static final String BOOTSTRAP_SERVERS = "bootstrap.servers";
    public static final String RESULTS_TOPIC = "steadfast.topic.results";
    public static final String DLQ_TOPIC = "steadfast.topic.dlq";
    public static final String SCORES_TOPIC = "steadfast.topic.scores";
    public static final String GATES_TOPIC = "steadfast.topic.gates";
    public static final String PARTITIONS = "steadfast.topic.partitions";
    public static final String MAX_MESSAGE_BYTES = "steadfast.topic.max-message-bytes";
    public static final String GROUP_ID = "steadfast.group.id";
    public static final String POLL_TIMEOUT_MS = "steadfast.poll.timeout.ms";
    public static final String RETRY_BACKOFF_MS = "steadfast.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MAX_MS = "steadfast.retry.backoff.max.ms";

    private static final String PREFIX = "steadfast.";

    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientProperties = Map.copyOf(clientProperties);
    }

    /** The settings of a flat map; every invalid setting is reported at once. */
    public static KafkaSettings from(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        Map<String, String> client = new LinkedHashMap<>();
        config.forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                client.put(key, value);
            }
        });
        String bootstrap = config.get(BOOTSTRAP_SERVERS);
        if (bootstrap == null || bootstrap.isBlank()) {
            problems.add("setting '" + BOOTSTRAP_SERVERS + "' must list host:port pairs, but was "
                    + (bootstrap == null ? "missing" : "empty"));
        }
        String results = text(config, RESULTS_TOPIC, "steadfast.results", problems);
        String dlq = text(config, DLQ_TOPIC, "steadfast.results.dlq", problems);
        String scores = text(config, SCORES_TOPIC, "steadfast.scores", problems);
        String gates = text(config, GATES_TOPIC, "steadfast.gates", problems);
        int partitions = (int) number(config, PARTITIONS, 3, 1, 10_000, problems);
        int maxBytes = (int) number(config, MAX_MESSAGE_BYTES, 4 << 20, 1 << 20, Integer.MAX_VALUE, problems);
        String group = text(config, GROUP_ID, "steadfast-engine", problems);
        long poll = number(config, POLL_TIMEOUT_MS, 500, 1, 60_000, problems);
        long backoff = number(config, RETRY_BACKOFF_MS, 200, 1, 3_600_000, problems);
        long maxBackoff = number(config, RETRY_BACKOFF_MAX_MS, 30_000, 1, 3_600_000, problems);
        if (!problems.isEmpty()) {
            throw new SteadfastException(String.join("; ", problems));
        }
        return new KafkaSettings(bootstrap, client, results, dlq, scores, gates, partitions, maxBytes, group,
                Duration.ofMillis(poll), Duration.ofMillis(backoff), Duration.ofMillis(Math.max(backoff, maxBackoff)));
    }

    private static String text(Map<String, String> config, String key, String fallback, List<String> problems) {
        String value = config.get(key);
        if (value == null) {
            return fallback;
        }
        if (value.isBlank()) {
            problems.add("setting '" + key + "' must not be empty, but was ''");
        }
        return value;
    }

    private static long number(Map<String, String> config, String key, long fallback, long min, long max,
                               List<String> problems) {
        String value = config.get(key);
        if (value == null) {
            return fallback;
        }
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add("setting '" + key + "' must be a whole number in [" + min + ", " + max + "], but was '" + value
                + "'");
        return fallback;
    }
}
