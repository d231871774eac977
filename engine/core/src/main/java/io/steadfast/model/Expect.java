package io.steadfast.model;

import java.time.Duration;

/**
 * A test's pass rule: {@code survive} (health stays good for the whole fault; the default) or
 * {@code recoverWithin} (healthy again within that time after the fault ends).
 */
public record Expect(Duration recoverWithin) {

    public static final Expect SURVIVE = new Expect(null);

    public boolean survive() {
        return recoverWithin == null;
    }
}
