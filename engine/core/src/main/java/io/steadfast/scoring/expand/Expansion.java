package io.steadfast.scoring.expand;

import io.steadfast.scoring.ScoreReport.NotApplicable;
import java.util.List;

/**
 * What a standard expects of a service, independent of any result: a pure function of the
 * definitions, so it is cached with them (see {@link ExpansionCache}). Immutable.
 */
public final class Expansion {

    private final List<ExpectedCategory> categories;
    private final List<ExpectedInstance> instances;
    private final List<NotApplicable> notApplicable;
    private final List<String> mustPassWithoutInstance;

    Expansion(List<ExpectedCategory> categories, List<ExpectedInstance> instances,
              List<NotApplicable> notApplicable, List<String> mustPassWithoutInstance) {
        this.categories = List.copyOf(categories);
        this.instances = List.copyOf(instances);
        this.notApplicable = List.copyOf(notApplicable);
        this.mustPassWithoutInstance = List.copyOf(mustPassWithoutInstance);
    }

    /** The categories that count, sorted by id. */
    public List<ExpectedCategory> categories() {
        return categories;
    }

    /** Every expected instance in the fixed order (category, test, target). */
    public List<ExpectedInstance> instances() {
        return instances;
    }

    /** Tests and categories left out, with the reason. */
    public List<NotApplicable> notApplicable() {
        return notApplicable;
    }

    /** The standard's must-pass tests that expanded to no instance, in the standard's order. */
    public List<String> mustPassWithoutInstance() {
        return mustPassWithoutInstance;
    }
}
