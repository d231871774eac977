package io.steadfast.scoring.rollup;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.scoring.ScoreReport;
import io.steadfast.scoring.Verdict;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One service's score as a rollup sees it.
 *
 * @param unroundedScore null under NO_DATA
 * @param score          rounded; null under NO_DATA
 * @param band           the band of {@code score}; null under NO_DATA
 */
public record ServiceScore(String service, String team, String tier, Double unroundedScore, BigDecimal score,
                           Band band, Verdict verdict) {

    public ServiceScore {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(verdict, "verdict");
    }

    public static ServiceScore of(ServiceDefinition service, ScoreReport report) {
        return new ServiceScore(service.id(), service.team(), service.tier(), report.unroundedScore(),
                report.score(), Band.of(report.score()), report.verdict());
    }

    public boolean scored() {
        return unroundedScore != null;
    }

    /** PASS or WARN. */
    public boolean meetsStandard() {
        return verdict == Verdict.PASS || verdict == Verdict.WARN;
    }
}
