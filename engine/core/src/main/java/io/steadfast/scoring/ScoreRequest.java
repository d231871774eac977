package io.steadfast.scoring;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Waiver;
import io.steadfast.scoring.evidence.ResultHistory;
import io.steadfast.spi.result.ResultEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything a score is a pure function of.
 *
 * @param suites             the resolved suites by id; must hold every suite the standard names
 * @param results            the service's results (any order), indexed; results finished after {@code now} are
 *                           ignored
 * @param retractedResultIds results that no longer count
 * @param now                the time the score is for ({@code --at})
 * @param version            the service version asked about, or null
 * @param environment        the target environment, or null for the service's own
 */
public record ScoreRequest(
        ServiceDefinition service,
        Standard standard,
        Map<String, TestSuite> suites,
        ResultHistory results,
        Set<String> retractedResultIds,
        Collection<Waiver> waivers,
        Instant now,
        String version,
        String environment) {

    public ScoreRequest {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(standard, "standard");
        Objects.requireNonNull(now, "now");
        suites = Map.copyOf(suites);
        Objects.requireNonNull(results, "results");
        retractedResultIds = Set.copyOf(retractedResultIds);
        waivers = List.copyOf(waivers);
    }

    /** A request over results not indexed yet: indexes them (see {@link ResultHistory#of}). */
    public ScoreRequest(ServiceDefinition service, Standard standard, Map<String, TestSuite> suites,
                        Collection<ResultEvent> results, Set<String> retractedResultIds, Collection<Waiver> waivers,
                        Instant now, String version, String environment) {
        this(service, standard, suites, ResultHistory.of(results), retractedResultIds, waivers, now, version,
                environment);
    }
}
