package io.steadfast.scoring.rollup;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.scoring.Verdict;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TrendsTest {

    private static final Instant NOW = Instant.parse("2026-12-03T15:00:00Z");

    private static Trends.Point point(String at, String score, Verdict verdict) {
        return new Trends.Point(Instant.parse(at), score == null ? null : new BigDecimal(score), verdict);
    }

    private static ServiceScore now(String service, String score, Verdict verdict) {
        BigDecimal rounded = score == null ? null : new BigDecimal(score);
        return new ServiceScore(service, "t", "tier-2", rounded == null ? null : rounded.doubleValue(), rounded,
                Band.of(rounded), verdict);
    }

    @Test
    void shouldCountEachDayTheServicesWhoseLastPointThenMetTheirStandard() {
        Map<String, List<Trends.Point>> histories = Map.of(
                "a", List.of(point("2026-10-01T00:00:00Z", "90.0", Verdict.PASS)),
                "b", List.of(point("2026-10-01T00:00:00Z", "40.0", Verdict.FAIL),
                        point("2026-12-02T12:00:00Z", "75.0", Verdict.WARN)),
                "c", List.of(point("2026-12-03T14:00:00Z", "20.0", Verdict.FAIL)));

        List<Trends.Share> shares = Trends.meetingShare(histories, NOW);

        assertThat(shares).hasSize(Trends.SHARE_DAYS);
        assertThat(shares.get(0).at()).isEqualTo(Instant.parse("2026-11-05T00:00:00Z"));
        assertThat(shares.get(0).share()).isEqualTo(0.3333);
        assertThat(shares.get(Trends.SHARE_DAYS - 2)).isEqualTo(new Trends.Share(Instant.parse("2026-12-03T00:00:00Z"), 0.6667));
        assertThat(shares.get(Trends.SHARE_DAYS - 1)).isEqualTo(new Trends.Share(NOW, 0.6667));
        assertThat(Trends.meetingShare(Map.of(), NOW)).isEmpty();
    }

    @Test
    void shouldListTheLargestFallsSinceAWeekAgoFirst() {
        Map<String, List<Trends.Point>> histories = Map.of(
                "a", List.of(point("2026-11-20T00:00:00Z", "90.0", Verdict.PASS)),
                "b", List.of(point("2026-11-30T00:00:00Z", "80.0", Verdict.PASS)),
                "c", List.of(point("2026-11-20T00:00:00Z", "50.0", Verdict.FAIL)),
                "d", List.of(point("2026-11-20T00:00:00Z", null, Verdict.NO_DATA)));
        List<ServiceScore> scores = List.of(now("a", "85.0", Verdict.PASS), now("b", "60.0", Verdict.WARN),
                now("c", "70.0", Verdict.WARN), now("d", "10.0", Verdict.FAIL), now("e", "5.0", Verdict.FAIL));

        List<Trends.Drop> drops = Trends.biggestDrops(scores, histories, NOW);

        assertThat(drops).containsExactly(
                new Trends.Drop("b", "t", new BigDecimal("80.0"), new BigDecimal("60.0"), new BigDecimal("-20.0")),
                new Trends.Drop("a", "t", new BigDecimal("90.0"), new BigDecimal("85.0"), new BigDecimal("-5.0")));
    }

    @Test
    void shouldReadFromTheEarlierOfTheShareDaysAndTheDropWindow() {
        assertThat(Trends.readFrom(NOW)).isEqualTo(Instant.parse("2026-11-03T00:00:00Z"))
                .isBefore(NOW.minus(Duration.ofDays(7)));
    }
}
