package io.steadfast.store.internal;

import io.steadfast.spi.result.ResultEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The group whose latest counted result the scorer needs: one test instance of one service, as
 * reported by one source, in one environment, for one service version. Absent optional fields are
 * {@code ""}.
 */
record ResultGroup(String service, String suite, String test, String target, String source, String environment,
                   String serviceVersion) {

    static ResultGroup of(ResultEvent event) {
        return new ResultGroup(event.service(), event.suite(), event.test(), event.target(),
                orEmpty(event.source()), orEmpty(event.environment()), orEmpty(event.serviceVersion()));
    }

    /** SHA-256 (hex) of the fields, so that the key stays short whatever their lengths. */
    String key() {
        String joined = String.join("\u0000", service, suite, test, target, source, environment, serviceVersion);
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(joined.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
