package io.steadfast.http.internal;

import java.util.Map;

/**
 * The headers every answer carries, the dashboard's files, the API's JSON and Jetty's own error
 * answers alike: a Content-Security-Policy that allows the dashboard's own files only and no framing,
 * no framing for older browsers either, and no guessing of content types. API answers are also
 * never stored by a cache ({@link #NO_STORE}).
 */
public final class SecurityHeaders {

    /** The dashboard's policy: its own scripts, styles and API only; no plugins, no framing, no form posts. */
    public static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    /** Header name and value of each header on every answer. */
    public static final Map<String, String> ALL = Map.of(
            "Content-Security-Policy", CONTENT_SECURITY_POLICY,
            "X-Frame-Options", "DENY",
            "X-Content-Type-Options", "nosniff");

    /** The Cache-Control of API answers, which hold service data or errors about it. */
    public static final String NO_STORE = "no-store";

    private SecurityHeaders() {
    }
}
