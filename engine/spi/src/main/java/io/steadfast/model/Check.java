package io.steadfast.model;

import java.time.Duration;

/**
 * A static check, run instead of a fault.
 *
 * @param type        {@code certificate-expiry}
 * @param minValidity the certificate must stay valid at least this long
 */
public record Check(String type, Duration minValidity) {
}
