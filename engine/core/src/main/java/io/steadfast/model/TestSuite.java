package io.steadfast.model;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A named, versioned set of tests grouped into categories, with {@code extends} already resolved.
 *
 * @param extendsId the suite it was derived from, or null
 */
public record TestSuite(String id, int version, String extendsId, List<String> categories, List<TestDefinition> tests) {

    public TestSuite {
        Objects.requireNonNull(id, "id");
        categories = List.copyOf(categories);
        tests = List.copyOf(tests);
    }

    public Optional<TestDefinition> test(String testId) {
        return tests.stream().filter(t -> t.id().equals(testId)).findFirst();
    }
}
