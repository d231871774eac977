package io.steadfast.spi;

import java.util.Map;

/**
 * Creates {@link ResultSource}s of one type. Found with {@link java.util.ServiceLoader} (a
 * {@code META-INF/services/io.steadfast.spi.ResultSourceProvider} file per connector module) and
 * bound by {@link #type}. Implementations have a public no-argument constructor and no state.
 */
public interface ResultSourceProvider {

    /** The connector type, such as {@code kafka}. */
    String type();

    /**
     * A new, unstarted source.
     *
     * @param config the connector's settings; each connector documents its keys
     * @throws io.steadfast.spi.errors.SteadfastException when a setting is invalid, naming it
     */
    ResultSource create(Map<String, String> config);
}
