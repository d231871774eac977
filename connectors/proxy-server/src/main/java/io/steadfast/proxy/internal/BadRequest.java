package io.steadfast.proxy.internal;

import java.util.List;

/** A request body with problems, each keyed by the field it is about; answered with 400. */
final class BadRequest extends RuntimeException {

    /** @param field the field's name, or {@code ""} for the body as a whole */
    record Problem(String field, String message) {
    }

    private final List<Problem> problems;

    BadRequest(List<Problem> problems) {
        super(problems.toString());
        this.problems = List.copyOf(problems);
    }

    List<Problem> problems() {
        return problems;
    }
}
