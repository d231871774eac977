package io.steadfast.proxy.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steadfast.proxy.FaultSpec;
import io.steadfast.proxy.FaultType;
import io.steadfast.proxy.HostPort;
import io.steadfast.proxy.RouteSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Reads the control API's JSON bodies, reporting every problem at once, keyed by field. */
final class Bodies {

    /** Leases are for a test's duration plus a margin; a day is beyond any test. */
    static final long MAX_LEASE_MS = 24L * 60 * 60 * 1000;

    private static final Set<String> ROUTE_FIELDS = Set.of("listen", "upstreams");
    private static final Set<String> FAULT_FIELDS = Set.of("type", "latencyMs", "jitterMs", "bandwidthKbps", "leaseMs");
    private static final Set<String> RENEW_FIELDS = Set.of("leaseMs", "id");

    private final ObjectMapper json;

    Bodies(ObjectMapper json) {
        this.json = json;
    }

    RouteSpec route(byte[] body) {
        JsonNode node = object(body);
        List<BadRequest.Problem> problems = unknownFields(node, ROUTE_FIELDS);
        HostPort listen = hostPort(node, "listen", problems);
        List<HostPort> upstreams = new ArrayList<>();
        JsonNode list = node.get("upstreams");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(new BadRequest.Problem("upstreams",
                    "'upstreams' must be a non-empty array of host:port strings, but was " + shown(list)));
        } else {
            for (int i = 0; i < list.size(); i++) {
                JsonNode item = list.get(i);
                String field = "upstreams[" + i + "]";
                HostPort upstream = item.isTextual() ? parse(item.asText(), field, problems) : null;
                if (!item.isTextual()) {
                    problems.add(new BadRequest.Problem(field, "'" + field + "' must be host:port, but was " + item));
                } else if (upstream != null && upstream.port() == 0) {
                    problems.add(new BadRequest.Problem(field, "'" + field + "' must have a port > 0, but was " + item));
                } else if (upstream != null) {
                    upstreams.add(upstream);
                }
            }
        }
        throwIfAny(problems);
        return new RouteSpec(listen, upstreams);
    }

    FaultSpec fault(byte[] body) {
        JsonNode node = object(body);
        List<BadRequest.Problem> problems = unknownFields(node, FAULT_FIELDS);
        JsonNode typeNode = node.get("type");
        FaultType type = typeNode != null && typeNode.isTextual()
                ? FaultType.ofWireName(typeNode.asText()).orElse(null) : null;
        if (type == null) {
            problems.add(new BadRequest.Problem("type", "'type' must be one of "
                    + Arrays.stream(FaultType.values()).map(FaultType::wireName).toList() + ", but was " + shown(typeNode)));
        }
        long leaseMs = integer(node, "leaseMs", 1, MAX_LEASE_MS, true, problems);
        boolean latency = type == FaultType.LATENCY;
        boolean bandwidth = type == FaultType.BANDWIDTH;
        int latencyMs = (int) onlyFor(node, "latencyMs", latency, 0, 600_000, type, problems);
        int jitterMs = (int) onlyFor(node, "jitterMs", latency, 0, 600_000, type, problems);
        int bandwidthKbps = (int) onlyFor(node, "bandwidthKbps", bandwidth, 1, 100_000_000, type, problems);
        if (latency && !node.has("latencyMs")) {
            problems.add(new BadRequest.Problem("latencyMs", "'latencyMs' is required for type 'latency', but was missing"));
        }
        if (bandwidth && !node.has("bandwidthKbps")) {
            problems.add(new BadRequest.Problem("bandwidthKbps",
                    "'bandwidthKbps' is required for type 'bandwidth', but was missing"));
        }
        throwIfAny(problems);
        return new FaultSpec(type, latencyMs, jitterMs, bandwidthKbps, leaseMs);
    }

    /** A renewal: its {@code leaseMs}, and the {@code id} of the fault it is for (null: any). */
    record Renewal(long leaseMs, String id) {
    }

    Renewal renewal(byte[] body) {
        JsonNode node = object(body);
        List<BadRequest.Problem> problems = unknownFields(node, RENEW_FIELDS);
        long leaseMs = integer(node, "leaseMs", 1, MAX_LEASE_MS, true, problems);
        JsonNode id = node.get("id");
        if (id != null && !id.isTextual()) {
            problems.add(new BadRequest.Problem("id", "'id' must be a string, but was " + id));
        }
        throwIfAny(problems);
        return new Renewal(leaseMs, id == null ? null : id.asText());
    }

    private JsonNode object(byte[] body) {
        JsonNode node;
        try {
            node = body.length == 0 ? null : json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new BadRequest(List.of(new BadRequest.Problem("",
                    "body must be a JSON object, but was not JSON: " + e.getOriginalMessage())));
        } catch (java.io.IOException e) {
            throw new BadRequest(List.of(new BadRequest.Problem("", "body could not be read: " + e.getMessage())));
        }
        if (node == null || !node.isObject()) {
            throw new BadRequest(List.of(new BadRequest.Problem("", "body must be a JSON object, but was "
                    + (node == null ? "empty" : node.getNodeType().name().toLowerCase()))));
        }
        return node;
    }

    private static List<BadRequest.Problem> unknownFields(JsonNode node, Set<String> known) {
        List<BadRequest.Problem> problems = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                problems.add(new BadRequest.Problem(name, "'" + name + "' is not a known field "
                        + known.stream().sorted().toList() + ", but was given"));
            }
        }
        return problems;
    }

    private static HostPort hostPort(JsonNode node, String field, List<BadRequest.Problem> problems) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            problems.add(new BadRequest.Problem(field, "'" + field + "' must be host:port, but was " + shown(value)));
            return null;
        }
        return parse(value.asText(), field, problems);
    }

    private static HostPort parse(String text, String field, List<BadRequest.Problem> problems) {
        try {
            return HostPort.parse(text);
        } catch (IllegalArgumentException e) {
            problems.add(new BadRequest.Problem(field, "'" + field + "' " + e.getMessage()));
            return null;
        }
    }

    private static long onlyFor(JsonNode node, String field, boolean applies, long min, long max, FaultType type,
            List<BadRequest.Problem> problems) {
        if (!applies) {
            if (node.has(field) && type != null) {
                problems.add(new BadRequest.Problem(field, "'" + field + "' does not apply to type '"
                        + type.wireName() + "', but was " + node.get(field)));
            }
            return 0;
        }
        return integer(node, field, min, max, false, problems);
    }

    private static long integer(JsonNode node, String field, long min, long max, boolean required,
            List<BadRequest.Problem> problems) {
        JsonNode value = node.get(field);
        if (value == null && !required) {
            return 0;
        }
        if (value == null || !value.canConvertToLong() || !value.isIntegralNumber()
                || value.asLong() < min || value.asLong() > max) {
            problems.add(new BadRequest.Problem(field, "'" + field + "' must be an integer in " + min + ".." + max
                    + ", but was " + shown(value)));
            return 0;
        }
        return value.asLong();
    }

    private static String shown(JsonNode value) {
        return value == null ? "missing" : value.toString();
    }

    private static void throwIfAny(List<BadRequest.Problem> problems) {
        if (!problems.isEmpty()) {
            throw new BadRequest(problems);
        }
    }
}
