package io.steadfast.scoring.expand;

import io.steadfast.scoring.ScoreReport.NotApplicable;
import java.util.List;

/**
 * What a standard expects of a service, independent of any result: a pure function of the
 * definitions, so it may be cached with them.
 *
 * @param categories    the categories that count, sorted by id
 * @param instances     every expected instance in the fixed order (category, test, target)
 * @param notApplicable tests and categories left out, with the reason
 */
public record Expansion(List<ExpectedCategory> categories, List<ExpectedInstance> instances,
                        List<NotApplicable> notApplicable) {

    public Expansion {
        categories = List.copyOf(categories);
        instances = List.copyOf(instances);
        notApplicable = List.copyOf(notApplicable);
    }
}
