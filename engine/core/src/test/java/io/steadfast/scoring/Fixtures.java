package io.steadfast.scoring;

import io.steadfast.model.Check;
import io.steadfast.model.Dependency;
import io.steadfast.model.Fault;
import io.steadfast.model.Instance;
import io.steadfast.model.Scope;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Standard;
import io.steadfast.model.TestDefinition;
import io.steadfast.model.TestSuite;
import io.steadfast.model.Waiver;
import io.steadfast.model.Where;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Terse builders for services, suites, standards, results, waivers and score requests, for tests
 * of the scoring core and of anything built on it (published in the core's test-jar).
 *
 * <p>Defaults: time {@link #NOW}; a service {@code tier-1} of team {@code payments} in
 * {@code production}; a standard shaped like {@code org-default} (values 100/50/0/0/0, fresh for
 * 7d, expired after 30d, linear decay, thresholds 80/60, any version, every source and
 * environment trusted, onNoData fail); results PASSED in suite {@code recommended}, finished one
 * hour before {@link #NOW}.
 */
public final class Fixtures {

    public static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

    private Fixtures() {
    }

    public static Duration days(long days) {
        return Duration.ofDays(days);
    }

    public static Duration hours(long hours) {
        return Duration.ofHours(hours);
    }

    public static Instant ago(Duration age) {
        return NOW.minus(age);
    }

    // ---- services

    public static ServiceBuilder service(String id) {
        return new ServiceBuilder(id);
    }

    public static final class ServiceBuilder {
        private final String id;
        private String team = "payments";
        private String tier = "tier-1";
        private String environment = "production";
        private String standard;
        private final Map<String, String> tags = new HashMap<>();
        private final List<Instance> instances = new ArrayList<>();
        private final List<Dependency> dependencies = new ArrayList<>();

        private ServiceBuilder(String id) {
            this.id = id;
        }

        public ServiceBuilder team(String team) {
            this.team = team;
            return this;
        }

        public ServiceBuilder tier(String tier) {
            this.tier = tier;
            return this;
        }

        public ServiceBuilder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public ServiceBuilder standard(String standard) {
            this.standard = standard;
            return this;
        }

        public ServiceBuilder tag(String key, String value) {
            tags.put(key, value);
            return this;
        }

        public ServiceBuilder instance(String instanceId, String zone) {
            instances.add(new Instance(instanceId, zone, null, null, null));
            return this;
        }

        public ServiceBuilder dependency(String dependencyId, boolean tls) {
            dependencies.add(new Dependency(dependencyId, dependencyId + ":443", tls, null));
            return this;
        }

        public ServiceDefinition build() {
            return new ServiceDefinition(id, id, team, tier, environment, tags, standard, List.of(), instances,
                    dependencies);
        }
    }

    // ---- suites

    /** The shipped {@code recommended} suite, as DESIGN §3 writes it. */
    public static TestSuite recommended() {
        return suite("recommended")
                .category("scalability").category("redundancy").category("dependencies")
                .test("cpu", "scalability")
                .test("memory", "scalability")
                .test("host", "redundancy")
                .zoneTest("zone", "redundancy")
                .dependencyTest("dependency-failure", "dependencies")
                .dependencyTest("dependency-latency", "dependencies")
                .dependencyTest("certificate-expiry", "dependencies", new Where(true, null))
                .build();
    }

    public static SuiteBuilder suite(String id) {
        return new SuiteBuilder(id);
    }

    public static final class SuiteBuilder {
        private final String id;
        private int version = 1;
        private final Set<String> categories = new LinkedHashSet<>();
        private final List<TestDefinition> tests = new ArrayList<>();

        private SuiteBuilder(String id) {
            this.id = id;
        }

        public SuiteBuilder version(int version) {
            this.version = version;
            return this;
        }

        public SuiteBuilder category(String category) {
            categories.add(category);
            return this;
        }

        /** A service-scope test. */
        public SuiteBuilder test(String testId, String category) {
            return test(testId, category, Scope.SERVICE, null);
        }

        public SuiteBuilder zoneTest(String testId, String category) {
            return test(testId, category, Scope.ZONE, null);
        }

        public SuiteBuilder dependencyTest(String testId, String category) {
            return test(testId, category, Scope.DEPENDENCY, null);
        }

        public SuiteBuilder dependencyTest(String testId, String category, Where where) {
            return test(testId, category, Scope.DEPENDENCY, where);
        }

        public SuiteBuilder test(String testId, String category, Scope scope, Where where) {
            categories.add(category);
            Fault fault = new Fault("blackhole", null, null, null, null, null, null, null);
            tests.add(new TestDefinition(testId, category, scope, where, fault, (Check) null, Duration.ofMinutes(5),
                    null));
            return this;
        }

        public TestSuite build() {
            return new TestSuite(id, version, null, List.copyOf(categories), tests);
        }
    }

    // ---- standards

    public static StandardBuilder standard(String id) {
        return new StandardBuilder(id);
    }

    /**
     * Gremlin's numbers (DESIGN §3): passed 100, failed 50, expired 75, not run 0, fresh for a
     * week with no decay, equal weights. DEGRADED is worth what FAILED is.
     */
    public static StandardBuilder gremlinStyle(String id) {
        return standard(id).values(100, 50, 50, 0, 75).freshness(days(7), days(7), Standard.Decay.NONE);
    }

    public static final class StandardBuilder {
        private final String id;
        private List<String> suites = List.of("recommended");
        private final Map<String, Double> categoryWeights = new LinkedHashMap<>();
        private final Map<String, Double> testWeights = new LinkedHashMap<>();
        private List<String> requiredCategories = List.of();
        private List<String> mustPass = List.of();
        private Standard.Values values = new Standard.Values(100, 50, 0, 0, 0);
        private Standard.PartialCredit partialCredit = Standard.PartialCredit.NONE;
        private Standard.Freshness freshness = new Standard.Freshness(days(7), days(30), Standard.Decay.LINEAR);
        private Standard.Thresholds thresholds = new Standard.Thresholds(80, 60);
        private double minCoverage;
        private Standard.OnNoData onNoData = Standard.OnNoData.FAIL;
        private Standard.Evidence evidence = Standard.Evidence.ANY_VERSION;
        private List<String> environments = List.of();
        private List<String> sources = List.of();

        private StandardBuilder(String id) {
            this.id = id;
        }

        public StandardBuilder suites(String... suiteIds) {
            suites = List.of(suiteIds);
            return this;
        }

        public StandardBuilder categoryWeight(String category, double weight) {
            categoryWeights.put(category, weight);
            return this;
        }

        public StandardBuilder testWeight(String test, double weight) {
            testWeights.put(test, weight);
            return this;
        }

        public StandardBuilder requiredCategories(String... categories) {
            requiredCategories = List.of(categories);
            return this;
        }

        public StandardBuilder mustPass(String... tests) {
            mustPass = List.of(tests);
            return this;
        }

        public StandardBuilder values(double passed, double degraded, double failed, double notRun, double expired) {
            values = new Standard.Values(passed, degraded, failed, notRun, expired);
            return this;
        }

        public StandardBuilder probes() {
            partialCredit = Standard.PartialCredit.PROBES;
            return this;
        }

        public StandardBuilder freshness(Duration fullCreditFor, Duration expiresAfter, Standard.Decay decay) {
            freshness = new Standard.Freshness(fullCreditFor, expiresAfter, decay);
            return this;
        }

        public StandardBuilder thresholds(double pass, double warn) {
            thresholds = new Standard.Thresholds(pass, warn);
            return this;
        }

        public StandardBuilder minCoverage(double minCoverage) {
            this.minCoverage = minCoverage;
            return this;
        }

        public StandardBuilder onNoData(Standard.OnNoData onNoData) {
            this.onNoData = onNoData;
            return this;
        }

        public StandardBuilder sameVersion() {
            evidence = Standard.Evidence.SAME_VERSION;
            return this;
        }

        public StandardBuilder environments(String... trusted) {
            environments = List.of(trusted);
            return this;
        }

        public StandardBuilder sources(String... trusted) {
            sources = List.of(trusted);
            return this;
        }

        public Standard build() {
            return new Standard(id, null, false, null, suites, categoryWeights, testWeights, requiredCategories,
                    mustPass, values, partialCredit, freshness, thresholds, minCoverage,
                    new Standard.GatePolicy(onNoData, evidence, environments, sources));
        }
    }

    // ---- results

    /** A PASSED result of {@code test} in suite {@code recommended}, finished an hour ago. */
    public static ResultBuilder result(String test) {
        return new ResultBuilder(test);
    }

    public static final class ResultBuilder {
        private String id;
        private String service = "checkout";
        private String suite = "recommended";
        private final String test;
        private String target = "";
        private ResultStatus status = ResultStatus.PASSED;
        private Instant finishedAt = NOW.minus(Duration.ofHours(1));
        private String version;
        private String environment = "staging";
        private String source = "steadfast-runner";
        private Measurements measurements = Measurements.NONE;
        private String message;

        private ResultBuilder(String test) {
            this.test = test;
        }

        public ResultBuilder id(String id) {
            this.id = id;
            return this;
        }

        public ResultBuilder service(String service) {
            this.service = service;
            return this;
        }

        public ResultBuilder suite(String suite) {
            this.suite = suite;
            return this;
        }

        public ResultBuilder target(String target) {
            this.target = target;
            return this;
        }

        public ResultBuilder status(ResultStatus status) {
            this.status = status;
            return this;
        }

        public ResultBuilder passed() {
            return status(ResultStatus.PASSED);
        }

        public ResultBuilder failed() {
            return status(ResultStatus.FAILED);
        }

        public ResultBuilder ago(Duration age) {
            finishedAt = NOW.minus(age);
            return this;
        }

        public ResultBuilder finishedAt(Instant finishedAt) {
            this.finishedAt = finishedAt;
            return this;
        }

        public ResultBuilder version(String version) {
            this.version = version;
            return this;
        }

        public ResultBuilder environment(String environment) {
            this.environment = environment;
            return this;
        }

        public ResultBuilder source(String source) {
            this.source = source;
            return this;
        }

        public ResultBuilder probes(int passed, int total) {
            measurements = new Measurements(null, null, passed, total);
            return this;
        }

        public ResultBuilder message(String message) {
            this.message = message;
            return this;
        }

        /** The id defaults to one derived from the fields, so that equal builders give equal results. */
        public ResultEvent build() {
            String resultId = id != null ? id
                    : suite + "/" + test + "/" + target + "/" + status + "/" + finishedAt.getEpochSecond();
            return new ResultEvent(ResultEvent.SCHEMA_VERSION, resultId, service, suite, test, target, status,
                    finishedAt.minus(Duration.ofMinutes(5)), finishedAt, version, environment, source, null,
                    measurements, message);
        }
    }

    // ---- waivers

    public static Waiver waiver(String id, String test, String target, Instant expiresAt) {
        return new Waiver(id, "checkout", test, target, "accepted risk", "platform-team", expiresAt);
    }

    // ---- requests

    public static RequestBuilder request(ServiceDefinition service, Standard standard) {
        return new RequestBuilder(service, standard);
    }

    public static final class RequestBuilder {
        private final ServiceDefinition service;
        private final Standard standard;
        private final Map<String, TestSuite> suites = new HashMap<>();
        private final List<ResultEvent> results = new ArrayList<>();
        private final Set<String> retracted = new LinkedHashSet<>();
        private final List<Waiver> waivers = new ArrayList<>();
        private Instant now = NOW;
        private String version;
        private String environment;

        private RequestBuilder(ServiceDefinition service, Standard standard) {
            this.service = service;
            this.standard = standard;
        }

        public RequestBuilder suites(TestSuite... given) {
            for (TestSuite suite : given) {
                suites.put(suite.id(), suite);
            }
            return this;
        }

        public RequestBuilder results(ResultEvent... given) {
            return results(Arrays.asList(given));
        }

        public RequestBuilder results(Collection<ResultEvent> given) {
            results.addAll(given);
            return this;
        }

        public RequestBuilder results(ResultBuilder... given) {
            for (ResultBuilder builder : given) {
                results.add(builder.build());
            }
            return this;
        }

        public RequestBuilder retracted(String... resultIds) {
            retracted.addAll(List.of(resultIds));
            return this;
        }

        public RequestBuilder waivers(Waiver... given) {
            waivers.addAll(List.of(given));
            return this;
        }

        public RequestBuilder at(Instant at) {
            now = at;
            return this;
        }

        public RequestBuilder version(String version) {
            this.version = version;
            return this;
        }

        public RequestBuilder environment(String environment) {
            this.environment = environment;
            return this;
        }

        /** Adds the {@code recommended} suite when the standard names it and none was given. */
        public ScoreRequest build() {
            Map<String, TestSuite> all = new HashMap<>(suites);
            if (standard.suites().contains("recommended")) {
                all.putIfAbsent("recommended", recommended());
            }
            return new ScoreRequest(service, standard, all, results, retracted, waivers, now, version, environment);
        }

        public ScoreReport score() {
            return new Scorer().score(build());
        }
    }
}
