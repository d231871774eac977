package io.steadfast.logging;

import java.util.regex.Pattern;

/**
 * Masks credentials in text that is about to be shown or logged: the value of an
 * {@code Authorization} header, a bearer token anywhere, and a password in a JDBC URL, whether
 * in its user part ({@code jdbc:postgresql://user:secret@host/db}) or as a parameter
 * ({@code ?password=secret}, {@code ;PASSWORD=secret}). Each is replaced by {@code ***}.
 */
public final class Secrets {

    /** What a masked credential is shown as. */
    public static final String MASK = "***";

    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(\\bauthorization[\"']?\\s*[:=]\\s*[\"']?)[^\"'\\r\\n,;}\\]]+");
    private static final Pattern BEARER = Pattern.compile("(?i)(\\bbearer\\s+)[^\\s\"',;}\\]]+");
    // the slashes also as JSON may escape them: jdbc:postgresql:\/\/user:secret@host
    private static final Pattern URL_USER_INFO = Pattern.compile(
            "(?i)(\\bjdbc:[^\\s'\"]*?(?://|\\\\/\\\\/)[^/@:\\s'\"\\\\]*:)[^\\s'\"]+(@)");
    private static final Pattern PASSWORD_PARAMETER = Pattern.compile("(?i)(\\bpassword=)[^;&\\s'\"]+");

    private Secrets() {
    }

    /** The text with every credential it holds masked; null stays null. */
    public static String mask(String text) {
        if (text == null || !mayHoldSecret(text)) {
            return text;
        }
        String masked = AUTHORIZATION.matcher(text).replaceAll("$1" + MASK);
        masked = BEARER.matcher(masked).replaceAll("$1" + MASK);
        masked = URL_USER_INFO.matcher(masked).replaceAll("$1" + MASK + "$2");
        return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1" + MASK);
    }

    /** A cheap first look, as most log lines hold none of the words the patterns start with. */
    private static boolean mayHoldSecret(String text) {
        String lower = text.toLowerCase(java.util.Locale.ROOT);
        return lower.contains("authorization") || lower.contains("bearer") || lower.contains("jdbc:")
                || lower.contains("password=");
    }
}
