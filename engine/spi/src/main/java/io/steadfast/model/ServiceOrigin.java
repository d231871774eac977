package io.steadfast.model;

/**
 * Where a registered service came from, which decides what the runner may do to it (DESIGN §8):
 * only a service an admin registered from a file may have its processes controlled or commands run
 * for it.
 */
public enum ServiceOrigin {
    /** Registered from a file by an admin ({@code steadfast services register}). */
    FILE,
    /** Registered or changed over the HTTP API: never process control, never exec. */
    API;

    /** The value stored for it. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The origin stored as {@code id}. */
    public static ServiceOrigin of(String id) {
        for (ServiceOrigin origin : values()) {
            if (origin.id().equals(id)) {
                return origin;
            }
        }
        throw new IllegalArgumentException("service origin must be 'file' or 'api', but was '" + id + "'");
    }
}
