package io.steadfast.app;

import io.steadfast.model.Dependency;
import io.steadfast.model.ServiceDefinition;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What the engine accepts, as its admin sets it in the environment of {@code serve} and the CLI:
 * never from a request or a file in Git.
 *
 * @param apiProxyAddresses {@code STEADFAST_API_PROXY_ADDRESSES}, comma-separated {@code host:port}
 *                          (or {@code host:*}): the fault-proxy listen and control addresses that a
 *                          service registered over the API may name for its dependencies; default
 *                          none (such a service may still use the engine's own proxy)
 * @param maxResultSkew     {@code STEADFAST_MAX_RESULT_SKEW}: how far after now a result may say it
 *                          finished (clocks of other tools drift); default 5m
 * @param maxWaiver         {@code STEADFAST_MAX_WAIVER}: the longest a waiver may run; default 365d
 */
public record Policy(List<String> apiProxyAddresses, Duration maxResultSkew, Duration maxWaiver) {

    public static final Policy DEFAULTS = new Policy(List.of(), Duration.ofMinutes(5), Duration.ofDays(365));

    public Policy {
        apiProxyAddresses = apiProxyAddresses.stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).toList();
        Objects.requireNonNull(maxResultSkew, "maxResultSkew");
        Objects.requireNonNull(maxWaiver, "maxWaiver");
    }

    /** The policy set in {@code env}, the defaults for what it does not set. */
    public static Policy from(Map<String, String> env) {
        String addresses = env.getOrDefault("STEADFAST_API_PROXY_ADDRESSES", "");
        return new Policy(Arrays.stream(addresses.split(",")).filter(a -> !a.isBlank()).toList(),
                duration(env, "STEADFAST_MAX_RESULT_SKEW", DEFAULTS.maxResultSkew),
                duration(env, "STEADFAST_MAX_WAIVER", DEFAULTS.maxWaiver));
    }

    /** Whether a service registered over the API may name this proxy address ({@code host:port}). */
    boolean allowsApiProxyAddress(String hostPort) {
        String address = hostPort.strip().toLowerCase(Locale.ROOT);
        int colon = address.lastIndexOf(':');
        String anyPort = colon < 0 ? null : address.substring(0, colon) + ":*";
        return apiProxyAddresses.contains(address) || apiProxyAddresses.contains(anyPort);
    }

    /**
     * The fault-proxy addresses of the service's dependencies that a service registered over the API
     * may not name, by their path in the document ({@code dependencies[0].proxy.control}).
     */
    public Map<String, String> refusedApiProxyAddresses(ServiceDefinition service) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (int i = 0; i < service.dependencies().size(); i++) {
            Dependency.Proxy proxy = service.dependencies().get(i).proxy();
            if (proxy == null) {
                continue;
            }
            if (proxy.listen() != null && !allowsApiProxyAddress(proxy.listen())) {
                refused.put("dependencies[" + i + "].proxy.listen", proxy.listen());
            }
            if (proxy.control() != null && !allowsApiProxyAddress(proxy.control())) {
                refused.put("dependencies[" + i + "].proxy.control", proxy.control());
            }
        }
        return refused;
    }

    /** Why {@link #refusedApiProxyAddresses} refused an address: the rule, for an error message. */
    public String apiProxyAddressRule() {
        return "must be an address an admin allowed for services registered over the API"
                + " (STEADFAST_API_PROXY_ADDRESSES: " + (apiProxyAddresses.isEmpty() ? "none"
                : String.join(", ", apiProxyAddresses)) + ")";
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Durations.parse(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(name + " " + e.getMessage());
        }
    }
}
