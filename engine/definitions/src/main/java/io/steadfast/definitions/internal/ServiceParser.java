package io.steadfast.definitions.internal;

import io.steadfast.definitions.internal.Node.MapNode;
import io.steadfast.model.Dependency;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/** Reads and checks a {@code kind: Service} document. */
public final class ServiceParser {

    private static final List<String> SERVICE_KEYS = List.of("apiVersion", "kind", "id", "name", "team", "tier",
            "environment", "tags", "standard", "healthChecks", "instances", "dependencies");
    private static final List<String> TIERS = List.of("tier-1", "tier-2", "tier-3", "tier-4");
    private static final Pattern HOST_PORT =
            Pattern.compile("(\\[[0-9A-Fa-f:.]+\\]|[^\\s:\\[\\]/]+):([1-9][0-9]{0,4})");
    private static final String HOST_PORT_RULE = "must be host:port";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private ServiceParser() {
    }

    /** Why process control is refused in a document that may not have it. */
    public static final String PROCESS_CONTROL_REFUSED = "process control and exec must come from a file an admin"
            + " registers with 'steadfast services register', never over the API";

    private static final List<String> PROCESS_CONTROL = List.of("pidFile", "stopCommand", "startCommand");

    /**
     * The service, or null when anything about it is wrong (every problem reported).
     *
     * @param processControl whether its instances may have a {@code pidFile}, {@code stopCommand} or
     *                       {@code startCommand}; where not, each is an error
     */
    public static ServiceDefinition parse(MapNode root, Problems problems, boolean processControl) {
        int before = problems.count();
        Fields service = Fields.of(root, "", problems, SERVICE_KEYS);
        String id = service.slug("id", true);
        String name = service.string("name", false);
        String team = service.string("team", true);
        String tier = service.oneOf("tier", true, TIERS);
        String environment = service.string("environment", false);
        var tags = service.stringMap("tags");
        String standard = service.string("standard", false);
        List<HealthCheckSpec> healthChecks = items(service, "healthChecks", ServiceParser::healthCheck);
        List<Instance> instances = items(service, "instances",
                (fields, ids) -> instance(fields, ids, processControl));
        List<Dependency> dependencies = items(service, "dependencies", ServiceParser::dependency);
        if (problems.count() != before) {
            return null;
        }
        return new ServiceDefinition(id, name, team, tier, environment, tags, standard, healthChecks, instances,
                dependencies);
    }

    /** Reads each item of a list; the reader gets the item (null when not a mapping) and the ids seen so far. */
    private static <T> List<T> items(Fields service, String key, BiFunction<Fields, Set<String>, T> reader) {
        List<T> items = new ArrayList<>();
        List<Node> nodes = service.list(key, false);
        Set<String> ids = new HashSet<>();
        for (int i = 0; nodes != null && i < nodes.size(); i++) {
            T item = reader.apply(itemFields(service, key, nodes.get(i), i), ids);
            if (item != null) {
                items.add(item);
            }
        }
        return items;
    }

    private static Fields itemFields(Fields service, String key, Node node, int index) {
        List<String> known = switch (key) {
            case "healthChecks" -> List.of("type", "url", "address", "expectStatus", "warnLatency", "maxLatency", "interval",
                    "jsonField", "jsonValue");
            case "instances" -> List.of("id", "zone", "pidFile", "stopCommand", "startCommand");
            default -> List.of("id", "endpoint", "tls", "proxy");
        };
        return Fields.of(node, Paths.index(key, index), service.problems(), known);
    }

    private static String uniqueId(Fields item, Set<String> ids, String what) {
        String id = item.slug("id", true);
        if (id != null && !ids.add(id)) {
            item.report("id", "must be unique among the service's " + what);
            return null;
        }
        return id;
    }

    private static HealthCheckSpec healthCheck(Fields check, Set<String> unused) {
        if (check == null) {
            return null;
        }
        String type = check.oneOf("type", true, List.of("http", "tcp", "tls"));
        String url = null;
        String address = null;
        Integer expectStatus = null;
        String jsonField = null;
        String jsonValue = null;
        if ("http".equals(type)) {
            url = check.matching("url", true, Pattern.compile("https?://\\S+"), "must be an http:// or https:// URL");
            expectStatus = check.has("expectStatus") ? check.integer("expectStatus", true) : Integer.valueOf(200);
            if (expectStatus != null && (expectStatus < 100 || expectStatus > 599)) {
                check.report("expectStatus", "must be an HTTP status from 100 to 599");
            }
            if (check.has("address")) {
                check.report("address", "must be absent for an http check (use url)");
            }
            jsonField = check.string("jsonField", check.has("jsonValue"));
            jsonValue = check.string("jsonValue", check.has("jsonField"));
        } else if (type != null) {
            address = check.matching("address", true, HOST_PORT, HOST_PORT_RULE);
            for (String key : List.of("url", "expectStatus", "jsonField", "jsonValue")) {
                if (check.has(key)) {
                    check.report(key, "must be absent for a " + type + " check");
                }
            }
        }
        Duration warnLatency = positive(check, "warnLatency");
        Duration maxLatency = positive(check, "maxLatency");
        if (warnLatency != null && maxLatency != null && warnLatency.compareTo(maxLatency) >= 0) {
            check.report("warnLatency", "must be < maxLatency (" + text(check, "maxLatency") + ")");
        }
        Duration interval = positive(check, "interval");
        return new HealthCheckSpec(type, url, address, expectStatus, warnLatency, maxLatency,
                interval == null ? DEFAULT_INTERVAL : interval, jsonField, jsonValue);
    }

    private static Duration positive(Fields fields, String key) {
        Duration duration = fields.duration(key, false, true);
        if (duration != null && duration.isZero()) {
            fields.report(key, "must be > 0");
            return null;
        }
        return duration;
    }

    private static String text(Fields fields, String key) {
        return ((Node.Scalar) fields.node(key)).text();
    }

    private static Instance instance(Fields instance, Set<String> ids, boolean processControl) {
        if (instance == null) {
            return null;
        }
        if (!processControl) {
            PROCESS_CONTROL.stream().filter(instance::has)
                    .forEach(key -> instance.report(key, PROCESS_CONTROL_REFUSED, "given"));
        }
        String id = uniqueId(instance, ids, "instances");
        return new Instance(id, instance.string("zone", false), instance.string("pidFile", false),
                instance.string("stopCommand", false), instance.string("startCommand", false));
    }

    private static Dependency dependency(Fields dependency, Set<String> ids) {
        if (dependency == null) {
            return null;
        }
        String id = uniqueId(dependency, ids, "dependencies");
        String endpoint = dependency.matching("endpoint", true, HOST_PORT, HOST_PORT_RULE);
        Boolean tls = dependency.bool("tls");
        Fields proxy = dependency.map("proxy", false, List.of("listen", "control"));
        String listen = proxy == null ? null : proxy.matching("listen", true, HOST_PORT, HOST_PORT_RULE);
        String control = proxy == null ? null : proxy.matching("control", false, HOST_PORT, HOST_PORT_RULE);
        return new Dependency(id, endpoint, Boolean.TRUE.equals(tls),
                listen == null ? null : new Dependency.Proxy(listen, control));
    }
}
