package io.steadfast.spi;

import java.util.Map;

/**
 * Creates {@link ScoreEventSink}s of one type. Found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.steadfast.spi.ScoreEventSinkProvider} file per connector module) and
 * bound by {@link #type}. Implementations have a public no-argument constructor and no state.
 */
public interface ScoreEventSinkProvider {

    /** The connector type, such as {@code kafka}. */
    String type();

    /**
     * A new sink, ready to announce.
     *
     * @param config the connector's settings; each connector documents its keys
     * @throws io.steadfast.spi.errors.SteadfastException when a setting is invalid, naming it
     */
    ScoreEventSink create(Map<String, String> config);
}
