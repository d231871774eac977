package io.steadfast.http;

import java.util.List;

/**
 * A request the API refuses, with its HTTP status and every error found; answered as
 * {@code {"errors":[{"field","message"}...]}}. Never carries a stack trace to the client.
 */
public final class ApiException extends RuntimeException {

    private final int status;
    private final List<FieldError> errors;

    public ApiException(int status, List<FieldError> errors) {
        super(status + ": " + errors);
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    public List<FieldError> errors() {
        return errors;
    }

    public static ApiException badRequest(List<FieldError> errors) {
        return new ApiException(400, errors);
    }

    public static ApiException badRequest(String field, String message) {
        return new ApiException(400, List.of(new FieldError(field, message)));
    }

    public static ApiException unauthorized() {
        return new ApiException(401, List.of(new FieldError("Authorization",
                "must be 'Bearer <token>' with a valid token, but was missing or unknown")));
    }

    public static ApiException forbidden(String message) {
        return new ApiException(403, List.of(new FieldError("", message)));
    }

    public static ApiException notFound(String field, String message) {
        return new ApiException(404, List.of(new FieldError(field, message)));
    }

    public static ApiException conflict(String field, String message) {
        return new ApiException(409, List.of(new FieldError(field, message)));
    }
}
