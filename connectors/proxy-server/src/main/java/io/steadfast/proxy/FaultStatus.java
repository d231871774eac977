package io.steadfast.proxy;

/**
 * A fault in effect on a route.
 *
 * @param id          names this application of the fault: renewing or removing with an id touches
 *                    this fault only, never one applied after it
 * @param expiresInMs time left on the lease
 */
public record FaultStatus(String id, FaultSpec spec, long expiresInMs) {
}
