package io.steadfast.http.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Asks the Kafka cluster results travel through whether it answers, for {@code /ready}: one admin
 * client, made on first use with the connector's client settings (its own {@code steadfast.*} keys
 * left out). Thread-safe.
 */
public final class BrokerProbe implements AutoCloseable {

    private static final int TIMEOUT_MS = 2000;

    private final Map<String, Object> config = new HashMap<>();
    private Admin admin;

    public BrokerProbe(Map<String, String> connectorSettings) {
        connectorSettings.forEach((key, value) -> {
            if (!key.startsWith("steadfast.")) {
                config.put(key, value);
            }
        });
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    }

    /** Whether the cluster described itself within two seconds. */
    public boolean reachable() {
        try {
            return !admin().describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS)).nodes()
                    .get(TIMEOUT_MS + 500L, TimeUnit.MILLISECONDS).isEmpty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return false;
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(config);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close();
            admin = null;
        }
    }
}
