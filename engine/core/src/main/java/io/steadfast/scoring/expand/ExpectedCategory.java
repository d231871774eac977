package io.steadfast.scoring.expand;

import java.util.List;

/**
 * A category that counts in the score: it has at least one expected instance, or it is required.
 *
 * @param weight    the category's weight W
 * @param required  listed in the standard's {@code requiredCategories}
 * @param instances its expected instances, sorted by test then target; empty for a required category
 *                  left with no applicable test (which then scores 0)
 */
public record ExpectedCategory(String category, double weight, boolean required, List<ExpectedInstance> instances) {

    public ExpectedCategory {
        instances = List.copyOf(instances);
    }
}
