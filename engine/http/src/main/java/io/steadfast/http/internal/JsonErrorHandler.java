package io.steadfast.http.internal;

import io.steadfast.http.FieldError;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers (a request it refuses before the API sees it: a bad path such as
 * {@code /%00}, a request line or headers too long) in the API's JSON error shape, with the
 * security headers, instead of Jetty's HTML page.
 */
public final class JsonErrorHandler extends ErrorHandler {

    private final int maxHeaderBytes;

    /** @param maxHeaderBytes how long the request line and headers may be, as the server is configured */
    public JsonErrorHandler(int maxHeaderBytes) {
        this.maxHeaderBytes = maxHeaderBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        int status = request.getAttribute(ERROR_STATUS) instanceof Integer code ? code : response.getStatus();
        Object reason = request.getAttribute(ERROR_MESSAGE);
        response.setStatus(status);
        SecurityHeaders.ALL.forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, SecurityHeaders.NO_STORE);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        byte[] body = Web.jsonBytes(Map.of("errors", List.of(new FieldError("", message(status, reason)))));
        response.write(true, ByteBuffer.wrap(body), callback);
        return true;
    }

    private String message(int status, Object reason) {
        return switch (status) {
            case HttpStatus.URI_TOO_LONG_414 -> "request URI must be at most " + maxHeaderBytes + " bytes, but was longer";
            case HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE_431 -> "request headers must be at most " + maxHeaderBytes
                    + " bytes, but were larger";
            case HttpStatus.BAD_REQUEST_400 -> "request must be valid HTTP with a valid URI path, but was not"
                    + (reason == null || "Bad Request".equals(reason) ? "" : ": " + reason);
            default -> "request refused: " + status + " " + HttpStatus.getMessage(status);
        };
    }
}
