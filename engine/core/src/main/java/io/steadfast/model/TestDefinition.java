package io.steadfast.model;

import java.time.Duration;
import java.util.Objects;

/**
 * One reliability experiment of a suite. Exactly one of {@code fault} and {@code check} is set.
 */
public record TestDefinition(
        String id,
        String category,
        Scope scope,
        Where where,
        Fault fault,
        Check check,
        Duration duration,
        Expect expect) {

    public TestDefinition {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(category, "category");
        scope = scope == null ? Scope.SERVICE : scope;
        where = where == null ? Where.ANY : where;
        expect = expect == null ? Expect.SURVIVE : expect;
    }
}
