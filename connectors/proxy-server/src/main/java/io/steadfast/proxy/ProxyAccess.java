package io.steadfast.proxy;

import java.util.Objects;

/**
 * Who may control a proxy, and what they may make it open.
 *
 * @param secret                 what every control request must present as {@code Authorization: Bearer <secret>};
 *                               at least 32 characters, see {@link ProxySecret}
 * @param allowNonLoopbackListen whether routes may listen on addresses other than loopback ones (such as
 *                               {@code 0.0.0.0}), which exposes their upstreams to the network; off by default
 */
public record ProxyAccess(String secret, boolean allowNonLoopbackListen) {

    public ProxyAccess {
        Objects.requireNonNull(secret, "secret");
        ProxySecret.requireValid(secret, "proxy secret");
    }

    /** Routes on loopback addresses only, callers presenting {@code secret}. */
    public static ProxyAccess loopbackOnly(String secret) {
        return new ProxyAccess(secret, false);
    }
}
