package io.steadfast.http;

/**
 * One error of a request, as the API reports it: {@code {"field":"...","message":"..."}}; the field
 * is a path into the request ({@code instances[0].pidFile}, a query parameter), or {@code ""} for
 * the request as a whole.
 */
public record FieldError(String field, String message) {

    public FieldError {
        field = field == null ? "" : field;
    }
}
