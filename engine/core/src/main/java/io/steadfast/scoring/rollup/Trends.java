package io.steadfast.scoring.rollup;

import io.steadfast.scoring.Verdict;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a team's or the organisation's recorded history says over time: the share of services meeting
 * their standard day by day, and the services whose score fell most. Computed from each service's
 * recorded points (oldest first, the last one at or before {@link #readFrom} included), with no I/O.
 */
public final class Trends {

    /** Days of meeting share shown, today included. */
    public static final int SHARE_DAYS = 30;
    /** How far back a drop is measured. */
    public static final Duration DROP_WINDOW = Duration.ofDays(7);
    /** Most drops listed. */
    public static final int DROPS = 10;

    /** One recorded score of a service; {@code score} is null under NO_DATA. */
    public record Point(Instant at, BigDecimal score, Verdict verdict) {

        public Point {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(verdict, "verdict");
        }
    }

    /** The share, in [0,1] to four decimals, of the services whose last point then met their standard. */
    public record Share(Instant at, double share) {
    }

    /** A service whose score went from {@code from} to {@code to}; {@code delta} is negative. */
    public record Drop(String service, String team, BigDecimal from, BigDecimal to, BigDecimal delta) {
    }

    private Trends() {
    }

    /** The earliest instant the trends look at: history before it (but the point then) is not needed. */
    public static Instant readFrom(Instant now) {
        Instant shareFrom = now.truncatedTo(ChronoUnit.DAYS).minus(SHARE_DAYS, ChronoUnit.DAYS);
        Instant dropFrom = now.minus(DROP_WINDOW);
        return shareFrom.isBefore(dropFrom) ? shareFrom : dropFrom;
    }

    /** Daily over {@link #SHARE_DAYS} days up to now (the last point is now); empty without services. */
    public static List<Share> meetingShare(Map<String, List<Point>> histories, Instant now) {
        List<Share> shares = new ArrayList<>();
        if (histories.isEmpty()) {
            return shares;
        }
        Instant today = now.truncatedTo(ChronoUnit.DAYS);
        for (int day = SHARE_DAYS - 1; day >= 0; day--) {
            Instant at = day == 0 ? now : today.minus(day - 1, ChronoUnit.DAYS);
            long meeting = histories.values().stream().map(history -> lastAt(history, at))
                    .filter(p -> p != null && (p.verdict() == Verdict.PASS || p.verdict() == Verdict.WARN)).count();
            shares.add(new Share(at, Math.round(10_000.0 * meeting / histories.size()) / 10_000.0));
        }
        return shares;
    }

    /**
     * The services whose score now is below their score {@link #DROP_WINDOW} ago (or their first one
     * since), largest fall first, then by service id; at most {@link #DROPS}.
     */
    public static List<Drop> biggestDrops(List<ServiceScore> scores, Map<String, List<Point>> histories, Instant now) {
        Instant since = now.minus(DROP_WINDOW);
        List<Drop> drops = new ArrayList<>();
        for (ServiceScore s : scores) {
            List<Point> history = histories.getOrDefault(s.service(), List.of());
            Point then = lastAt(history, since);
            if (then == null) {
                then = history.stream().filter(p -> !p.at().isBefore(since) && !p.at().isAfter(now)).findFirst()
                        .orElse(null);
            }
            if (then == null || then.score() == null || s.score() == null) {
                continue;
            }
            BigDecimal delta = s.score().subtract(then.score());
            if (delta.signum() < 0) {
                drops.add(new Drop(s.service(), s.team(), then.score(), s.score(), delta));
            }
        }
        drops.sort(Comparator.comparing(Drop::delta).thenComparing(Drop::service));
        return drops.size() > DROPS ? List.copyOf(drops.subList(0, DROPS)) : drops;
    }

    private static Point lastAt(List<Point> history, Instant at) {
        Point last = null;
        for (Point p : history) {
            if (p.at().isAfter(at)) {
                break;
            }
            last = p;
        }
        return last;
    }
}
