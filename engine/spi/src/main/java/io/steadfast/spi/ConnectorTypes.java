package io.steadfast.spi;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Connectors of one kind (fault, health check, result source, ...) by the types they handle: the one
 * lookup the engine uses for every kind. A type two connectors claim is refused when the lookup is
 * built; asking for a type none handles fails with one message, naming the type and the known ones.
 * Immutable and thread-safe.
 *
 * @param <C> the connector, usually its provider
 */
public final class ConnectorTypes<C> {

    /** A type no connector on the class path handles. */
    public static final class UnknownTypeException extends RuntimeException {

        UnknownTypeException(String message) {
            super(message);
        }
    }

    private final String kind;
    private final Map<String, C> byType;

    private ConnectorTypes(String kind, Map<String, C> byType) {
        this.kind = kind;
        this.byType = Collections.unmodifiableMap(new TreeMap<>(byType));
    }

    /** The connectors, each under every type it says it handles. */
    public static <C> ConnectorTypes<C> of(String kind, Iterable<C> connectors, Function<C, Collection<String>> types) {
        Map<String, C> byType = new TreeMap<>();
        for (C connector : connectors) {
            for (String type : types.apply(connector)) {
                C before = byType.putIfAbsent(type, connector);
                if (before != null) {
                    throw new IllegalStateException(kind + " type '" + type + "' must have one connector, but was"
                            + " claimed by " + before.getClass().getName() + " and " + connector.getClass().getName());
                }
            }
        }
        return new ConnectorTypes<>(kind, byType);
    }

    /** Connectors already keyed by type (a type claimed twice was refused where the map was built). */
    public static <C> ConnectorTypes<C> of(String kind, Map<String, C> byType) {
        return new ConnectorTypes<>(kind, byType);
    }

    /** The connector handling {@code type}; {@link UnknownTypeException} when none does. */
    public C get(String type) {
        C connector = byType.get(type);
        if (connector == null) {
            throw new UnknownTypeException(kind + " type '" + type + "' must have a connector installed, but none"
                    + " handles it (known: " + String.join(", ", byType.keySet()) + ")");
        }
        return connector;
    }

    public Set<String> types() {
        return byType.keySet();
    }
}
