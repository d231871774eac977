package io.steadfast.definitions.internal;

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
}
