package io.steadfast.definitions;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.definitions.StandardSelector.Selection;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.Standard.AppliesTo;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StandardSelectorTest {

    private static final ServiceDefinition CHECKOUT = service(null);

    private static ServiceDefinition service(String explicitStandard) {
        return new ServiceDefinition("checkout", "Checkout", "payments", "tier-1", "production",
                Map.of("region", "eu"), explicitStandard, null, null, null);
    }

    private static Standard standard(String id, boolean isAbstract, AppliesTo appliesTo) {
        return new Standard(id, null, isAbstract, appliesTo, List.of("recommended"), Map.of(), Map.of(), List.of(),
                List.of(), new Standard.Values(100, 50, 0, 0, 0), Standard.PartialCredit.NONE,
                new Standard.Freshness(Duration.ofDays(7), Duration.ofDays(30), Standard.Decay.LINEAR),
                new Standard.Thresholds(80, 60), 0,
                new Standard.GatePolicy(Standard.OnNoData.FAIL, Standard.Evidence.ANY_VERSION, List.of(), List.of()));
    }

    private static Map<String, Standard> standards(Standard... standards) {
        return Stream.of(standards).collect(Collectors.toMap(Standard::id, Function.identity()));
    }

    private static AppliesTo tiers(String... tiers) {
        return new AppliesTo(List.of(tiers), null, null, null);
    }

    private static final Standard ORG_DEFAULT = standard("org-default", false, null);
    private static final Standard TIER_ONE = standard("tier-1", false, tiers("tier-1"));

    @Test
    void shouldLetAnExplicitStandardWinOverAMoreSpecificMatch() {
        Selection selection = StandardSelector.select(service("org-default"), null, standards(ORG_DEFAULT, TIER_ONE));

        assertThat(selection.standard()).isEqualTo(ORG_DEFAULT);
        assertThat(selection.problem()).isNull();
    }

    @Test
    void shouldReportAnExplicitStandardThatIsNotDefined() {
        Selection selection = StandardSelector.select(service("gold"), null, standards(ORG_DEFAULT));

        assertThat(selection.standard()).isNull();
        assertThat(selection.problem()).isEqualTo("service 'checkout' names standard 'gold', which is not defined");
    }

    @Test
    void shouldReportAnExplicitStandardThatIsAbstract() {
        Standard gremlin = standard("gremlin-style", true, null);

        Selection selection = StandardSelector.select(service("gremlin-style"), null, standards(ORG_DEFAULT, gremlin));

        assertThat(selection.problem())
                .isEqualTo("service 'checkout' names standard 'gremlin-style', which is abstract and exists only to be extended");
    }

    @Test
    void shouldPickTheMostSpecificMatch() {
        Standard payments = standard("payments-tier-1", false,
                new AppliesTo(List.of("tier-1"), List.of("payments"), null, null));

        Selection selection = StandardSelector.select(CHECKOUT, null, standards(ORG_DEFAULT, TIER_ONE, payments));

        assertThat(selection.standard()).isEqualTo(payments);
    }

    @Test
    void shouldNeverSelectAnAbstractStandard() {
        Standard gremlin = standard("gremlin-style", true, tiers("tier-1"));

        Selection selection = StandardSelector.select(CHECKOUT, null, standards(ORG_DEFAULT, gremlin));

        assertThat(selection.standard()).isEqualTo(ORG_DEFAULT);
    }

    @Test
    void shouldReportATieAsAProblem() {
        Standard payments = standard("payments", false, new AppliesTo(null, List.of("payments"), null, null));

        Selection selection = StandardSelector.select(CHECKOUT, null, standards(ORG_DEFAULT, TIER_ONE, payments));

        assertThat(selection.standard()).isNull();
        assertThat(selection.problem())
                .isEqualTo("standards 'payments' and 'tier-1' both match service 'checkout' with 1 condition");
    }

    @Test
    void shouldReportNoMatchAsAProblem() {
        Selection selection = StandardSelector.select(CHECKOUT, null, standards(standard("tier-2", false, tiers("tier-2"))));

        assertThat(selection.standard()).isNull();
        assertThat(selection.problem()).isEqualTo(
                "no standard matches service 'checkout' (tier tier-1, team payments, environment production)");
    }

    @Test
    void shouldMatchEnvironmentAgainstTheGatesTargetEnvironmentFirst() {
        Standard staging = standard("staging", false, new AppliesTo(null, null, List.of("staging"), null));
        Map<String, Standard> standards = standards(ORG_DEFAULT, staging);

        assertThat(StandardSelector.select(CHECKOUT, "staging", standards).standard()).isEqualTo(staging);
        assertThat(StandardSelector.select(CHECKOUT, null, standards).standard()).isEqualTo(ORG_DEFAULT);
    }

    @Test
    void shouldCountEachTagAsACondition() {
        Standard eu = standard("eu", false, new AppliesTo(null, null, null, Map.of("region", "eu")));
        Standard payments = standard("payments", false, new AppliesTo(null, List.of("payments"), null, null));

        Selection selection = StandardSelector.select(CHECKOUT, null, standards(eu, payments));

        assertThat(selection.problem()).isEqualTo("standards 'eu' and 'payments' both match service 'checkout' with 1 condition");
    }

    @Test
    void shouldListTheSelectionProblemOfEveryService() {
        Standard payments = standard("payments", false, new AppliesTo(null, List.of("payments"), null, null));
        ServiceDefinition search = new ServiceDefinition("search", null, "discovery", "tier-3", "production",
                null, null, null, null, null);
        Definitions definitions = new Definitions(Map.of(), standards(TIER_ONE, payments),
                Map.of("checkout", CHECKOUT, "search", search), List.of());

        assertThat(StandardSelector.problems(definitions, null)).containsExactly(
                "standards 'payments' and 'tier-1' both match service 'checkout' with 1 condition",
                "no standard matches service 'search' (tier tier-3, team discovery, environment production)");
    }
}
