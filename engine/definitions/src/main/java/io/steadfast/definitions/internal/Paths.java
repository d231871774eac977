package io.steadfast.definitions.internal;

import java.util.List;

/** Paths inside a document, written the way users read them: {@code tests[2].fault.latencyMs}. */
public final class Paths {

    private Paths() {
    }

    public static String key(String parent, String key) {
        return parent.isEmpty() ? key : parent + "." + key;
    }

    public static String index(String parent, int index) {
        return parent + "[" + index + "]";
    }

    /** The path of {@code segments} (keys as String, list indexes as Integer) under {@code parent}. */
    public static String of(String parent, List<Object> segments) {
        String path = parent;
        for (Object segment : segments) {
            path = segment instanceof Integer i ? index(path, i) : key(path, (String) segment);
        }
        return path;
    }
}
