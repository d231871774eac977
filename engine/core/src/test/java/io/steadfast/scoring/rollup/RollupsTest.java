package io.steadfast.scoring.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.scoring.Verdict;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RollupsTest {

    private static ServiceScore scored(String id, String team, String tier, double unrounded, Verdict verdict) {
        BigDecimal rounded = BigDecimal.valueOf(unrounded).setScale(1, java.math.RoundingMode.HALF_UP);
        return new ServiceScore(id, team, tier, unrounded, rounded, Band.of(rounded), verdict);
    }

    private static final List<ServiceScore> SERVICES = List.of(
            scored("a", "payments", "tier-1", 80.04, Verdict.PASS),
            scored("b", "payments", "tier-2", 60.0, Verdict.WARN),
            scored("c", "search", "tier-4", 30.0, Verdict.FAIL),
            new ServiceScore("d", "search", "tier-3", null, null, null, Verdict.NO_DATA));

    @Test
    void shouldWeighOrganisationByTierAndLeaveOutNoData() {
        Rollup org = Rollups.ofDefaults().organisation(SERVICES);

        // (4 x 80.04 + 3 x 60 + 1 x 30) / (4 + 3 + 1) = 530.16 / 8 = 66.27 -> 66.3, fair; d (NO_DATA) left out
        assertThat(org.score()).isEqualByComparingTo("66.3");
        assertThat(org.band()).isEqualTo(Band.FAIR);
        assertThat(org.services()).isEqualTo(4);
        assertThat(org.scored()).isEqualTo(3);
        // a PASS and b WARN meet their standard; c FAIL and d NO_DATA do not: 2 / 4
        assertThat(org.meetingStandardShare()).isEqualTo(0.5);
        assertThat(org.bands()).containsExactly(Map.entry(Band.GOOD, 1), Map.entry(Band.FAIR, 1),
                Map.entry(Band.POOR, 1));
        assertThat(org.scope()).isEqualTo("org");
    }

    @Test
    void shouldRollUpEachTeamOverItsOwnServices() {
        Map<String, Rollup> teams = Rollups.ofDefaults().teams(SERVICES);

        // payments: (4 x 80.04 + 3 x 60) / 7 = 500.16 / 7 = 71.451... -> 71.5, good; both meet
        assertThat(teams.get("payments").score()).isEqualByComparingTo("71.5");
        assertThat(teams.get("payments").band()).isEqualTo(Band.GOOD);
        assertThat(teams.get("payments").meetingStandardShare()).isEqualTo(1.0);
        // search: only c scored: 30.0, poor; none meets: 0 / 2
        assertThat(teams.get("search").score()).isEqualByComparingTo("30.0");
        assertThat(teams.get("search").band()).isEqualTo(Band.POOR);
        assertThat(teams.get("search").meetingStandardShare()).isZero();
        assertThat(Rollups.ofDefaults().team("search", SERVICES)).isEqualTo(teams.get("search"));
    }

    @Test
    void shouldUseConfiguredTierWeights() {
        Rollups equal = Rollups.withTierWeights(Map.of("tier-1", 1.0, "tier-2", 1.0, "tier-3", 1.0, "tier-4", 1.0));

        // (80.04 + 60 + 30) / 3 = 56.68 -> 56.7
        assertThat(equal.organisation(SERVICES).score()).isEqualByComparingTo("56.7");
    }

    @Test
    void shouldRoundTheMeanOfUnroundedScoresOnce() {
        // unrounded: (70.01 + 70.05) / 2 = 70.03 -> 70.0; averaging the rounded scores instead,
        // (70.0 + 70.1) / 2 = 70.05, would round a second time to 70.1
        List<ServiceScore> two = List.of(scored("x", "t", "tier-1", 70.01, Verdict.PASS),
                scored("y", "t", "tier-1", 70.05, Verdict.PASS));

        assertThat(Rollups.ofDefaults().organisation(two).score()).isEqualByComparingTo("70.0");
    }

    @Test
    void shouldHaveNoScoreWhenNoServiceIsScored() {
        Rollup none = Rollups.ofDefaults().organisation(List.of(SERVICES.get(3)));

        assertThat(none.score()).isNull();
        assertThat(none.band()).isNull();
        assertThat(none.services()).isEqualTo(1);
        assertThat(none.meetingStandardShare()).isZero();
    }

    @Test
    void shouldRefuseTierWithoutWeight() {
        List<ServiceScore> odd = List.of(scored("z", "t", "tier-9", 50, Verdict.PASS));

        assertThatThrownBy(() -> Rollups.ofDefaults().organisation(odd))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tier of service 'z' must be one of [tier-1, tier-2, tier-3, tier-4] to be rolled up,"
                        + " but was tier-9");
    }

    @Test
    void shouldBandGoodFromSeventyFairFromFiftyAndPoorBelow() {
        assertThat(Band.of(new BigDecimal("70.0"))).isEqualTo(Band.GOOD);
        assertThat(Band.of(new BigDecimal("69.9"))).isEqualTo(Band.FAIR);
        assertThat(Band.of(50.0)).isEqualTo(Band.FAIR);
        assertThat(Band.of(49.9)).isEqualTo(Band.POOR);
        assertThat(Band.of((BigDecimal) null)).isNull();
    }
}
