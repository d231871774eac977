package io.steadfast.scoring;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.steadfast.model.Standard;
import io.steadfast.spi.result.ResultStatus;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A computed score with its full explanation. This is the {@code --json} contract of
 * {@code steadfast score} (schema: {@code docs/schema/score-report.schema.json}).
 *
 * @param version        the version the evidence was restricted to, or null
 * @param versionSource  how {@code version} was chosen: {@code requested}, {@code newest-counted-result}, or null
 * @param score          rounded half-up to one decimal; null under NO_DATA
 * @param unroundedScore the exact weighted mean the contributions sum to; null under NO_DATA
 * @param reasons        why the verdict is what it is, in words
 * @param coverage       weighted share of instances with a fresh counted result, in [0,1]
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ScoreReport(
        int schemaVersion,
        String service,
        String standard,
        String version,
        String versionSource,
        String environment,
        Instant at,
        BigDecimal score,
        Double unroundedScore,
        Verdict verdict,
        List<String> reasons,
        double coverage,
        Standard.Thresholds thresholds,
        List<CategoryScore> categories,
        List<InstanceScore> instances,
        List<NotApplicable> notApplicable,
        List<NextAction> nextActions) {

    public static final int SCHEMA_VERSION = 1;

    public ScoreReport {
        reasons = List.copyOf(reasons);
        categories = List.copyOf(categories);
        instances = List.copyOf(instances);
        notApplicable = List.copyOf(notApplicable);
        nextActions = List.copyOf(nextActions);
    }

    /** A NO_DATA report for a service that could not be scored at all (unknown, no standard, ambiguous). */
    public static ScoreReport noData(String service, String standard, Instant at, String reason) {
        return new ScoreReport(SCHEMA_VERSION, service, standard, null, null, null, at, null, null, Verdict.NO_DATA,
                List.of(reason), 0.0, null, List.of(), List.of(), List.of(), List.of());
    }

    /**
     * One category that counts in the score.
     *
     * @param weight the category's weight W
     * @param share  W / sum of W over the categories that count
     * @param score  the category score C, 0..100
     * @param points share x C: what it adds to the unrounded score
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record CategoryScore(String category, double weight, double share, double score, double points,
                                boolean required) {
    }

    /**
     * One expected test instance and what it contributes.
     *
     * @param testWeight  the test's weight within its category
     * @param weight      w: the test weight divided by the number of instances the test expanded to
     * @param value       v, 0..100, after freshness
     * @param points      W/sum W x w/sum w x v
     * @param status      the counted result's status, or null when none
     * @param resultId    the counted result's id, or null
     * @param age         now - the counted result's finishedAt, or null
     * @param fresh       whether there is a counted result no older than expiresAfter
     * @param waiverId    the active waiver for this instance, or null
     * @param valueNote   how the value was reached, in words ("passed, 3d old: full credit")
     * @param uncounted   newer results that could not count (ERROR, SKIPPED), shown for information
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record InstanceScore(String suite, String test, String target, String category, double testWeight,
                                double weight, double value, double points, ResultStatus status, String resultId,
                                Instant finishedAt, String serviceVersion, Duration age, boolean fresh,
                                boolean mustPass, String waiverId, String valueNote, List<UncountedResult> uncounted) {

        public InstanceScore {
            uncounted = List.copyOf(uncounted);
        }
    }

    /** A result shown beside an instance that did not count (ERROR or SKIPPED). */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UncountedResult(String resultId, ResultStatus status, Instant finishedAt, String message) {
    }

    /**
     * A test (test != null) or category (test == null) left out of the score, and why.
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NotApplicable(String suite, String test, String category, String reason) {
    }

    /**
     * What to run next.
     *
     * @param pointsIfPassed what the unrounded score would gain if this instance passed today
     * @param expiringSoon   its counted result expires within 7 days
     * @param expiresAt      when its counted result expires, or null
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record NextAction(String suite, String test, String target, double pointsIfPassed, boolean expiringSoon,
                             Instant expiresAt) {
    }
}
