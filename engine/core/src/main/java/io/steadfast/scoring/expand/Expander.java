package io.steadfast.scoring.expand;

import io.steadfast.model.Dependency;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Where;
import io.steadfast.scoring.ScoreReport.NotApplicable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Step 1 of the score (DESIGN §4.1): expands every test of the standard's suites over the service.
 * Stateless and thread-safe.
 */
public final class Expander {

    private static final Comparator<ExpectedInstance> BY_TEST_THEN_TARGET =
            Comparator.comparing(ExpectedInstance::test).thenComparing(ExpectedInstance::target)
                    .thenComparing(ExpectedInstance::suite);

    private Expander() {
    }

    /**
     * @throws IllegalArgumentException when the standard names a suite that {@code suites} does not hold
     */
    public static Expansion expand(ServiceDefinition service, Standard standard, Map<String, TestSuite> suites) {
        Map<String, List<ExpectedInstance>> byCategory = new TreeMap<>();
        Map<String, String> declaredCategories = new TreeMap<>();
        List<NotApplicable> notApplicable = new ArrayList<>();
        for (String suiteId : standard.suites()) {
            TestSuite suite = suites.get(suiteId);
            if (suite == null) {
                throw new IllegalArgumentException("suite '" + suiteId + "' of standard '" + standard.id()
                        + "' must be given to the scorer, but was absent (given: " + suites.keySet() + ")");
            }
            for (String category : suite.categories()) {
                declaredCategories.putIfAbsent(category, suiteId);
            }
            for (TestDefinition test : suite.tests()) {
                declaredCategories.putIfAbsent(test.category(), suiteId);
                List<String> targets = targets(test, service);
                if (targets.isEmpty()) {
                    notApplicable.add(new NotApplicable(suiteId, test.id(), test.category(),
                            whyNothingToExpandOver(test)));
                    continue;
                }
                double testWeight = standard.testWeight(test.id());
                double weight = testWeight / targets.size();
                boolean mustPass = standard.mustPass().contains(test.id());
                List<ExpectedInstance> instances = byCategory.computeIfAbsent(test.category(), c -> new ArrayList<>());
                for (String target : targets) {
                    instances.add(new ExpectedInstance(suiteId, test.id(), target, test.category(), testWeight, weight,
                            mustPass));
                }
            }
        }
        Set<String> required = new LinkedHashSet<>(standard.requiredCategories());
        Map<String, ExpectedCategory> counting = new TreeMap<>();
        for (Map.Entry<String, List<ExpectedInstance>> entry : byCategory.entrySet()) {
            List<ExpectedInstance> instances = new ArrayList<>(entry.getValue());
            instances.sort(BY_TEST_THEN_TARGET);
            String category = entry.getKey();
            counting.put(category, new ExpectedCategory(category, standard.categoryWeight(category),
                    required.contains(category), instances));
        }
        for (Map.Entry<String, String> declared : declaredCategories.entrySet()) {
            String category = declared.getKey();
            if (!counting.containsKey(category) && !required.contains(category)) {
                notApplicable.add(new NotApplicable(declared.getValue(), null, category,
                        "category '" + category + "' has no applicable test"));
            }
        }
        for (String category : required) {
            counting.putIfAbsent(category,
                    new ExpectedCategory(category, standard.categoryWeight(category), true, List.of()));
        }
        List<ExpectedCategory> categories = List.copyOf(counting.values());
        List<ExpectedInstance> instances = new ArrayList<>();
        Set<String> expandedTests = new HashSet<>();
        for (ExpectedCategory category : categories) {
            instances.addAll(category.instances());
            category.instances().forEach(instance -> expandedTests.add(instance.test()));
        }
        List<String> mustPassWithoutInstance = new ArrayList<>();
        for (String test : standard.mustPass()) {
            if (!expandedTests.contains(test)) {
                mustPassWithoutInstance.add(test);
            }
        }
        return new Expansion(categories, instances, notApplicable, mustPassWithoutInstance);
    }

    private static List<String> targets(TestDefinition test, ServiceDefinition service) {
        switch (test.scope()) {
            case SERVICE:
                return List.of("");
            case ZONE:
                return service.zones();
            case DEPENDENCY:
                List<String> ids = new ArrayList<>();
                for (Dependency dependency : service.dependencies()) {
                    if (test.where().matches(dependency)) {
                        ids.add(dependency.id());
                    }
                }
                ids.sort(Comparator.naturalOrder());
                return ids;
            default:
                throw new IllegalStateException("scope " + test.scope() + " is not handled");
        }
    }

    private static String whyNothingToExpandOver(TestDefinition test) {
        switch (test.scope()) {
            case ZONE:
                return "service has no instance with a zone";
            case DEPENDENCY:
                return "service has no dependency" + describe(test.where());
            default:
                throw new IllegalStateException("a " + test.scope() + "-scope test always expands");
        }
    }

    private static String describe(Where where) {
        List<String> conditions = new ArrayList<>();
        if (where.tls() != null) {
            conditions.add("tls: " + where.tls());
        }
        if (where.dependencies() != null) {
            conditions.add("id in " + where.dependencies());
        }
        return conditions.isEmpty() ? "" : " with " + String.join(" and ", conditions);
    }
}
