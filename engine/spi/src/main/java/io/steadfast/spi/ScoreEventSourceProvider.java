package io.steadfast.spi;

import java.util.Map;

/**
 * Creates {@link ScoreEventSource}s of one type. Found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.steadfast.spi.ScoreEventSourceProvider} file per connector module) and
 * bound by {@link #type}. Implementations have a public no-argument constructor and no state.
 */
public interface ScoreEventSourceProvider {

    /** The connector type, such as {@code kafka}. */
    String type();

    /**
     * A new, unstarted source.
     *
     * @param config the connector's settings; each connector documents its keys
     */
    ScoreEventSource create(Map<String, String> config);
}
