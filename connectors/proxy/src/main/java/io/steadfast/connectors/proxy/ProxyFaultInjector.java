package io.steadfast.connectors.proxy;

import io.steadfast.connectors.proxy.config.ProxySettings;
import io.steadfast.connectors.proxy.internal.ControlClient;
import io.steadfast.model.Dependency;
import io.steadfast.model.Fault;
import io.steadfast.proxy.HostPort;
import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultRequest;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Applies network faults to a dependency through the fault proxy standing in front of it: the
 * dependency's {@code proxy.listen} is the route, {@code proxy.control} (else the setting
 * {@code proxy.control}) the proxy's control API. The proxy holds every fault under a lease and
 * reverts it by itself when the lease runs out unrenewed, so {@link ActiveFault#journal()} is empty
 * and {@link #revert(Map)} has nothing to do. Thread-safe.
 */
public final class ProxyFaultInjector implements FaultInjector {

    private final ProxySettings settings;
    private final HttpClient http;

    public ProxyFaultInjector(ProxySettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(settings.timeout())
                .build();
    }

    /** Where the request's fault goes: which proxy, which route, and the fault as the proxy takes it. */
    private record Target(ControlClient proxy, String listen, String dependency, Map<String, Object> fault,
            String description) {
    }

    @Override
    public String plan(FaultRequest request) {
        Target target = target(request);
        ControlClient.Response route = target.proxy().send("GET", ControlClient.routePath(target.listen(), ""), null);
        requireRoute(route, target);
        return target.description();
    }

    @Override
    public ActiveFault inject(FaultRequest request) {
        Target target = target(request);
        Map<String, Object> body = new LinkedHashMap<>(target.fault());
        body.put("leaseMs", leaseMs(request.lease()));
        ControlClient.Response applied = target.proxy().send("PUT",
                ControlClient.routePath(target.listen(), "/fault"), body);
        requireRoute(applied, target);
        if (applied.status() != 200) {
            throw new FaultException("fault proxy at '" + target.proxy().control() + "' refused " + target.description()
                    + " (HTTP " + applied.status() + "): " + applied.errors());
        }
        return new ProxyActiveFault(target, applied.body().path("id").asText());
    }

    /** The proxy reverts its faults by itself once their leases run out: nothing was journaled. */
    @Override
    public void revert(Map<String, String> journal) {
        // nothing to do: see the class description
    }

    private static void requireRoute(ControlClient.Response response, Target target) {
        if (response.status() == 404) {
            throw new FaultException("fault proxy at '" + target.proxy().control() + "' has no route '" + target.listen()
                    + "' for dependency '" + target.dependency() + "': " + response.errors());
        }
        if (response.status() >= 500) {
            throw new FaultException("fault proxy at '" + target.proxy().control() + "' failed (HTTP "
                    + response.status() + "): " + response.errors());
        }
    }

    private Target target(FaultRequest request) {
        String service = request.service().id();
        Dependency dependency = request.dependency();
        Fault fault = request.fault();
        if (dependency == null) {
            throw new FaultException("fault '" + fault.type() + "' on service '" + service
                    + "' must target a dependency, but had none");
        }
        Dependency.Proxy proxy = dependency.proxy();
        if (proxy == null || proxy.listen() == null || proxy.listen().isBlank()) {
            throw new FaultException("dependency '" + dependency.id() + "' of service '" + service
                    + "' has no fault proxy (its 'proxy.listen'), so fault '" + fault.type() + "' cannot reach it");
        }
        HostPort control = settings.control();
        if (proxy.control() != null) {
            try {
                control = HostPort.parse(proxy.control());
            } catch (IllegalArgumentException e) {
                throw new FaultException("'proxy.control' of dependency '" + dependency.id() + "' " + e.getMessage(), e);
            }
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", fault.type());
        String where = dependency.id() + " through " + proxy.listen();
        String description = switch (fault.type()) {
            case "latency" -> {
                int latency = required(fault.latencyMs(), "latencyMs", fault);
                int jitter = fault.jitterMs() == null ? 0 : fault.jitterMs();
                body.put("latencyMs", latency);
                body.put("jitterMs", jitter);
                yield "+" + latency + " ms ±" + jitter + " ms on responses from " + where;
            }
            case "bandwidth" -> {
                int kbps = required(fault.bandwidthKbps(), "bandwidthKbps", fault);
                body.put("bandwidthKbps", kbps);
                yield kbps + " kbps each way to and from " + where;
            }
            case "blackhole" -> "blackhole of " + where;
            case "reset" -> "connection resets to " + where;
            default -> throw new FaultException("fault type '" + fault.type() + "' must be one of "
                    + ProxyFaultInjectorProvider.TYPES + " for the fault proxy, but was not");
        };
        ControlClient client = new ControlClient(http, control, settings.timeout(), settings.secretFile());
        return new Target(client, proxy.listen(), dependency.id(), body, description + " (proxy " + control + ")");
    }

    private static int required(Integer value, String field, Fault fault) {
        if (value == null || value < 0) {
            throw new FaultException("'" + field + "' of fault '" + fault.type() + "' must be an integer >= 0, but was "
                    + (value == null ? "missing" : value));
        }
        return value;
    }

    private static long leaseMs(Duration lease) {
        return Math.max(1, lease.toMillis());
    }

    /** A fault the proxy holds under a lease; {@code id} keeps renewals and removal to this one. */
    private static final class ProxyActiveFault implements ActiveFault {

        private final Target target;
        private final String id;
        private final AtomicBoolean reverted = new AtomicBoolean();

        ProxyActiveFault(Target target, String id) {
            this.target = target;
            this.id = id;
        }

        @Override
        public String description() {
            return target.description();
        }

        @Override
        public void renew(Duration lease) {
            if (reverted.get()) {
                throw new FaultException(description() + " is no longer in effect: it was reverted");
            }
            ControlClient.Response renewed = target.proxy().send("POST",
                    ControlClient.routePath(target.listen(), "/fault/renew"), Map.of("leaseMs", leaseMs(lease), "id", id));
            if (renewed.status() != 200) {
                throw new FaultException(description() + " is no longer in effect (HTTP " + renewed.status() + "): "
                        + renewed.errors());
            }
        }

        @Override
        public void revert() {
            if (reverted.get()) {
                return;
            }
            ControlClient.Response removed = target.proxy().send("DELETE",
                    ControlClient.routePath(target.listen(), "/fault?id=" + id), null);
            // 404: the route itself is gone, and the fault with it.
            if (removed.status() != 204 && removed.status() != 404) {
                throw new FaultException("fault proxy at '" + target.proxy().control() + "' could not revert "
                        + description() + " (HTTP " + removed.status() + "): " + removed.errors());
            }
            reverted.set(true);
        }

        @Override
        public Map<String, String> journal() {
            return Map.of();
        }
    }
}
