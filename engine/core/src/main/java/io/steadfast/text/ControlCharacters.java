package io.steadfast.text;

import java.util.Locale;
import java.util.Optional;

/**
 * The rule every string taken in from outside follows: no control characters (U+0000 to U+001F,
 * U+007F to U+009F). A database may refuse them (PostgreSQL refuses U+0000 in text), a terminal
 * obeys them, and a log line or an id holding them can be made to look like another. Free text (a
 * message, a reason) may hold tab, line feed and carriage return. Thread-safe.
 */
public final class ControlCharacters {

    /** The rule, as error messages state it. */
    public static final String RULE = "must not hold control characters";

    private ControlCharacters() {
    }

    /**
     * What is wrong with a string, as the end of an error message: {@code must not hold control characters,
     * but held U+0000 at index 3}; empty when it holds none (or is null).
     */
    public static Optional<String> problem(String text, boolean freeText) {
        if (text == null) {
            return Optional.empty();
        }
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (isControl(ch) && !(freeText && (ch == '\t' || ch == '\n' || ch == '\r'))) {
                return Optional.of(RULE + ", but held " + String.format(Locale.ROOT, "U+%04X", (int) ch)
                        + " at index " + i);
            }
        }
        return Optional.empty();
    }

    /**
     * {@link #problem} as a whole error message about {@code thing}: {@code resultId must not hold control
     * characters, but held U+0000 at index 3}.
     */
    public static Optional<String> problem(String thing, String text, boolean freeText) {
        return problem(text, freeText).map(p -> thing + " " + p);
    }

    /** The text with each control character written as {@code \\uXXXX}, safe to store, log and show. */
    public static String escape(String text) {
        StringBuilder escaped = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (isControl(ch)) {
                escaped.append(String.format(Locale.ROOT, "\\u%04x", (int) ch));
            } else {
                escaped.append(ch);
            }
        }
        return escaped.toString();
    }

    private static boolean isControl(char ch) {
        return ch <= 0x1F || ch >= 0x7F && ch <= 0x9F;
    }
}
