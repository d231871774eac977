package io.steadfast.runner;

import io.steadfast.model.Check;
import io.steadfast.model.Expect;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.runner.internal.HealthWatch;
import io.steadfast.runner.internal.HealthWatch.Seen;
import io.steadfast.runner.internal.Texts;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultRequest;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.StaticCheckProvider;
import io.steadfast.spi.result.Measurements;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Runs planned tests against a registered service, one at a time: preflight (every health check
 * healthy, or the test is SKIPPED and the service left alone) → the fault, stage by stage, while
 * the health checks are probed at their intervals → revert → recovery watch. The outcome follows
 * the test's {@code expect} (DESIGN §3): under {@code survive} the first unhealthy probe halts the
 * test and reverts the fault at once (HALTED); under {@code recoverWithin} the service may dip but
 * must be healthy again within that time after the fault ends (else FAILED); crossing only a
 * warning level gives DEGRADED; a fault that cannot be applied or reverted gives ERROR.
 *
 * <p>Every fault is reverted on every path: the end of a stage, a halt, an error, and
 * {@link #revertAll} at shutdown. Faults that cannot revert themselves stay in the
 * {@link FaultJournal} until reverted, so a dead engine's faults are reverted by the next one
 * ({@link #recoverJournal}). One service runs one test at a time. Thread-safe.
 */
public final class Runner {

    /** The source every runner result carries. */
    public static final String SOURCE = "steadfast-runner";

    /**
     * @param leaseMargin   added to a stage's duration to make its fault's lease
     * @param recoveryWatch how long a halted test keeps probing to measure the time to recover
     */
    public record Settings(Duration leaseMargin, Duration recoveryWatch) {

        public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(10), Duration.ofSeconds(60));
    }

    /**
     * What every result of one run carries, and where its service came from.
     *
     * @param serviceVersion the version under test, or null
     * @param environment    the environment, or null for the service's own
     * @param origin         where the service was registered from: faults that
     *                       {@linkplain FaultInjector#controlsProcesses() control processes} are refused
     *                       unless it is {@link ServiceOrigin#FILE}
     */
    public record Context(String runId, String serviceVersion, String environment, ServiceOrigin origin) {

        public Context {
            Objects.requireNonNull(runId, "runId");
            Objects.requireNonNull(origin, "origin");
        }
    }

    private final Connectors connectors;
    private final FaultJournal journal;
    private final Clock clock;
    private final Pause pause;
    private final Settings settings;
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final Set<Applied> applied = ConcurrentHashMap.newKeySet();

    public Runner(Connectors connectors, FaultJournal journal, Clock clock, Pause pause, Settings settings) {
        this.connectors = connectors;
        this.journal = journal;
        this.clock = clock;
        this.pause = pause;
        this.settings = settings;
    }

    /**
     * What a run would do, one line per test, after checking (changing nothing) that every fault
     * can be applied; a test that could not run says why.
     */
    public List<String> dryRun(ServiceDefinition service, ServiceOrigin origin, List<PlannedTest> tests) {
        List<String> lines = new ArrayList<>();
        for (PlannedTest test : tests) {
            lines.add(test.name() + ": " + plan(service, origin, test));
        }
        return lines;
    }

    private String plan(ServiceDefinition service, ServiceOrigin origin, PlannedTest test) {
        Check check = test.test().check();
        if (check != null) {
            connectors.staticCheck(check.type());
            return "check " + check.type() + " of " + describeTarget(test);
        }
        try {
            FaultInjector injector = injector(service, origin, test);
            String stages = test.stages().size() == 1 ? "" : " in " + test.stages().size() + " stages " + test.stages();
            return injector.plan(request(service, test, test.stages().get(0))) + stages + " for "
                    + Texts.duration(test.test().duration()) + ", expect "
                    + (test.test().expect().survive() ? "survive" : "recovery within "
                    + Texts.duration(test.test().expect().recoverWithin()));
        } catch (FaultException e) {
            return "cannot run: " + e.getMessage();
        }
    }

    /**
     * Runs the tests in order and hands each result to {@code publish} as soon as it is known.
     * A halt stops the run after reverting the active fault; that test's result is ERROR and the
     * tests after it do not run.
     *
     * @throws SteadfastException when the service already has a run in progress in this engine
     */
    public List<ResultEvent> run(ServiceDefinition service, List<PlannedTest> tests, Context context,
                                 Consumer<ResultEvent> publish, RunListener listener, HaltSignal halt)
            throws InterruptedException {
        if (!running.add(service.id())) {
            throw new SteadfastException("service '" + service.id()
                    + "' must have one run at a time, but a run is already in progress");
        }
        List<ResultEvent> results = new ArrayList<>();
        try (HealthWatch watch = new HealthWatch(service.healthChecks(), connectors::healthCheck, clock)) {
            for (int i = 0; i < tests.size() && !halt.requested(); i++) {
                PlannedTest test = tests.get(i);
                listener.testStarted(test, i, tests.size());
                ResultEvent result = new Execution(service, test, context, listener, halt, watch).run();
                results.add(result);
                publish.accept(result);
                listener.testFinished(test, result);
            }
        } finally {
            running.remove(service.id());
        }
        return results;
    }

    /** Reverts every fault this runner has in effect: for shutdown. Never throws. */
    public void revertAll() {
        for (Applied fault : List.copyOf(applied)) {
            fault.revertQuietly();
        }
    }

    /**
     * Reverts what a dead engine left in the journal, one line per entry saying what happened. An
     * entry whose revert fails stays in the journal; the entries of engines still running are left
     * to them.
     */
    public List<String> recoverJournal() {
        List<String> lines = new ArrayList<>();
        for (FaultJournal.Entry entry : journal.pending()) {
            if (inEffectElsewhereOrHere(entry)) {
                continue;
            }
            try {
                connectors.injector(entry.type()).revert(entry.data());
                journal.remove(entry);
                lines.add("reverted " + entry.description() + " on " + entry.service() + ", applied at "
                        + entry.appliedAt());
            } catch (FaultException e) {
                lines.add("could not revert " + entry.description() + " on " + entry.service() + ": " + e.getMessage());
            }
        }
        return lines;
    }

    /**
     * A fault another running engine of the machine applied (it reverts it on every path), or one this
     * runner holds now. An entry of this process that it no longer holds was left by a failed revert.
     */
    private boolean inEffectElsewhereOrHere(FaultJournal.Entry entry) {
        if (entry.ownerAlive() && entry.ownerPid() != ProcessHandle.current().pid()) {
            return true;
        }
        return applied.stream().anyMatch(a -> a.entry != null && a.entry.id().equals(entry.id()));
    }

    /** The test's injector, refusing one that controls processes for a service that came from the API. */
    private FaultInjector injector(ServiceDefinition service, ServiceOrigin origin, PlannedTest test) {
        String type = test.test().fault().type();
        FaultInjector injector = connectors.injector(type);
        if (injector.controlsProcesses() && origin != ServiceOrigin.FILE) {
            throw new FaultException("fault '" + type + "' stops processes or runs commands, which only a service"
                    + " an admin registered from a file may have (steadfast services register), but service '"
                    + service.id() + "' was registered over the API; it was not attacked");
        }
        return injector;
    }

    private FaultRequest request(ServiceDefinition service, PlannedTest test, Integer stage) {
        return new FaultRequest(service, test.test().fault(), stage, test.dependency(), test.instances(),
                test.stageDuration().plus(settings.leaseMargin()));
    }

    private static String describeTarget(PlannedTest test) {
        return test.dependency() == null ? "the service" : "dependency '" + test.dependency().id() + "' at "
                + test.dependency().endpoint();
    }

    /**
     * A fault being applied or in effect, with its journal entry when it cannot revert itself. The
     * entry is written before the fault is applied (what reverts it even if it never was), the fault
     * is tracked the moment it is applied, before anything else can throw, and the entry is brought
     * up to date with what the applied fault says after that.
     */
    private final class Applied {
        final FaultInjector injector;
        ActiveFault fault;
        FaultJournal.Entry entry;
        String revertError;

        /** Journals the intent (write-ahead), under what the plan says of it, before the fault is applied. */
        Applied(ServiceDefinition service, String type, FaultInjector injector, FaultRequest request) {
            this.injector = injector;
            Map<String, String> intent = injector.intent(request);
            this.entry = intent.isEmpty() ? null
                    : journal.add(service.id(), type, injector.plan(request), clock.instant(), intent);
        }

        /** The fault could not be applied: whatever the intent names is reverted, and its entry goes. */
        void notApplied(RuntimeException failure) {
            if (entry == null) {
                return;
            }
            try {
                injector.revert(entry.data());
                journal.remove(entry);
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }

        /** Tracks the applied fault; call first thing once {@code inject} returned. */
        void track(ActiveFault applied) {
            this.fault = applied;
            Runner.this.applied.add(this);
        }

        /** Journals what the applied fault says about itself, if that differs from the intent. */
        void journalApplied(String serviceId, String type) {
            Map<String, String> data = fault.journal();
            if (data.isEmpty()) {
                return;
            }
            if (entry == null) {
                entry = journal.add(serviceId, type, fault.description(), clock.instant(), data);
            } else {
                entry = journal.replace(entry, fault.description(), data);
            }
        }

        synchronized void revertQuietly() {
            if (!applied.contains(this)) {
                return;
            }
            try {
                fault.revert();
                if (entry != null) {
                    journal.remove(entry);
                }
                applied.remove(this);
            } catch (FaultException e) {
                revertError = e.getMessage();
            }
        }
    }

    /** One test instance, start to finish. */
    private final class Execution {
        final ServiceDefinition service;
        final PlannedTest test;
        final Context context;
        final RunListener listener;
        final HaltSignal halt;
        final HealthWatch watch;
        final Expect expect;
        Instant faultStart;
        Instant faultEnd;
        Seen firstUnhealthy;
        Seen firstWarning;
        int probesTotal;
        int probesPassed;
        boolean aborted;
        String revertError;
        String description;

        Execution(ServiceDefinition service, PlannedTest test, Context context, RunListener listener,
                  HaltSignal halt, HealthWatch watch) {
            this.service = service;
            this.test = test;
            this.context = context;
            this.listener = listener;
            this.halt = halt;
            this.watch = watch;
            this.expect = test.test().expect();
        }

        ResultEvent run() throws InterruptedException {
            Instant startedAt = clock.instant();
            Outcome outcome;
            try {
                outcome = test.test().check() != null ? staticCheck() : faultTest();
            } catch (FaultException e) {
                outcome = error("could not run: " + e.getMessage());
            } catch (RuntimeException e) {
                outcome = error("could not run: " + e); // a connector's bug must not end the run or hide the fault
            }
            String environment = context.environment() != null ? context.environment() : service.environment();
            return new ResultEvent(ResultEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), service.id(),
                    test.suite(), test.test().id(), test.target(), outcome.status(), startedAt, clock.instant(),
                    context.serviceVersion(), environment, SOURCE, context.runId(), outcome.measurements(),
                    outcome.message());
        }

        private Outcome staticCheck() {
            Check check = test.test().check();
            StaticCheckProvider provider = connectors.staticCheck(check.type());
            if (test.dependency() == null) {
                return error("check '" + check.type() + "' must have a dependency to examine, but test '"
                        + test.test().id() + "' has scope " + test.test().scope());
            }
            listener.phase(test, "check");
            StaticCheckProvider.Outcome outcome = provider.run(check, test.dependency(), clock.instant());
            return new Outcome(outcome.status(), outcome.message(), Measurements.NONE);
        }

        private Outcome faultTest() throws InterruptedException {
            if (watch.isEmpty()) {
                return error("service '" + service.id() + "' must have a health check to judge a fault test by,"
                        + " but has none; the service was not attacked");
            }
            FaultInjector injector = injector(service, context.origin(), test);
            injector.plan(request(service, test, test.stages().get(0)));
            listener.phase(test, "preflight");
            watch.restart();
            for (Seen seen : watch.probeDue()) {
                listener.observed(test, seen.check(), seen.observation(), Duration.ZERO);
                if (seen.observation().health() == Health.UNHEALTHY) {
                    return new Outcome(ResultStatus.SKIPPED, "preflight: " + seen.check() + " was unhealthy ("
                            + seen.observation().detail() + "); the service was not attacked", Measurements.NONE);
                }
            }
            List<Integer> stages = test.stages();
            for (int i = 0; i < stages.size() && !stop(); i++) {
                runStage(injector, i, stages.size(), stages.get(i));
            }
            faultEnd = clock.instant();
            if (revertError != null) {
                return error("fault could not be reverted: " + revertError + "; it stays in the fault journal and is"
                        + " reverted when an engine starts again, or by 'steadfast halt'");
            }
            if (aborted) {
                return error("run halted by an operator " + Texts.duration(Duration.between(faultStart, faultEnd))
                        + " into " + description + "; fault reverted");
            }
            Instant recoveredAt = watchRecovery();
            return judge(recoveredAt);
        }

        private void runStage(FaultInjector injector, int index, int count, Integer stage)
                throws InterruptedException {
            FaultRequest request = request(service, test, stage);
            String type = test.test().fault().type();
            Applied active = new Applied(service, type, injector, request);
            ActiveFault fault;
            try {
                fault = injector.inject(request);
            } catch (RuntimeException e) {
                active.notApplied(e);
                throw e;
            }
            active.track(fault);
            try {
                active.journalApplied(service.id(), type);
                Instant stageStart = clock.instant();
                if (faultStart == null) {
                    faultStart = stageStart;
                }
                description = fault.description();
                Duration duration = test.stageDuration();
                listener.stageStarted(test, index + 1, count, description, duration);
                Instant stageEnd = stageStart.plus(duration);
                while (clock.instant().isBefore(stageEnd)) {
                    if (halt.requested()) {
                        aborted = true;
                        return;
                    }
                    for (Seen seen : watch.probeDue()) {
                        observeDuringFault(seen);
                    }
                    if (stop()) {
                        return;
                    }
                    pause.until(min(watch.nextDue(), stageEnd));
                }
            } finally {
                active.revertQuietly();
                if (active.revertError != null) {
                    revertError = active.revertError;
                }
            }
        }

        private void observeDuringFault(Seen seen) {
            listener.observed(test, seen.check(), seen.observation(), Duration.between(faultStart, seen.at()));
            probesTotal++;
            Health health = seen.observation().health();
            if (health != Health.UNHEALTHY) {
                probesPassed++;
            }
            if (health == Health.UNHEALTHY && firstUnhealthy == null) {
                firstUnhealthy = seen;
            }
            if (health == Health.WARNING && firstWarning == null) {
                firstWarning = seen;
            }
        }

        /** Whether the fault must end now: a halt, a failed revert, or an unhealthy probe under survive. */
        private boolean stop() {
            return aborted || revertError != null || (expect.survive() && firstUnhealthy != null);
        }

        /** Probes after the fault until every check is healthy; the time it happened, or null. */
        private Instant watchRecovery() throws InterruptedException {
            boolean needed = firstUnhealthy != null || !expect.survive();
            if (!needed) {
                return faultEnd;
            }
            listener.phase(test, "recovery");
            Instant deadline = faultEnd.plus(expect.survive() ? settings.recoveryWatch() : expect.recoverWithin());
            watch.restart();
            while (true) {
                for (Seen seen : watch.probeDue()) {
                    listener.observed(test, seen.check(), seen.observation(), Duration.between(faultEnd, seen.at()));
                }
                if (watch.allHealthy()) {
                    return clock.instant();
                }
                if (!clock.instant().isBefore(deadline) || halt.requested()) {
                    return null;
                }
                pause.until(min(watch.nextDue(), deadline));
            }
        }

        private Outcome judge(Instant recoveredAt) {
            Long detect = firstUnhealthy == null ? null : Duration.between(faultStart, firstUnhealthy.at()).toMillis();
            Long recover = firstUnhealthy == null || recoveredAt == null ? null
                    : Math.max(0, Duration.between(faultEnd, recoveredAt).toMillis());
            Measurements measurements = new Measurements(detect, recover, probesPassed, probesTotal);
            String recovery = recoveredAt != null
                    ? "healthy again " + Texts.duration(Duration.ofMillis(recover == null ? 0 : recover))
                    + " after the fault ended"
                    : "still unhealthy " + Texts.duration(expect.survive() ? settings.recoveryWatch()
                    : expect.recoverWithin()) + " after the fault ended (" + describe(watch.unhealthy()) + ")";
            String probes = " (" + probesPassed + "/" + probesTotal + " probes healthy)";
            if (expect.survive() && firstUnhealthy != null) {
                return new Outcome(ResultStatus.HALTED, describe(firstUnhealthy) + " "
                        + Texts.duration(Duration.ofMillis(detect)) + " into " + description
                        + "; fault reverted at once; " + recovery, measurements);
            }
            if (!expect.survive() && recoveredAt == null) {
                return new Outcome(ResultStatus.FAILED, service.id() + " was not healthy again within "
                        + Texts.duration(expect.recoverWithin()) + " after " + description + " ended ("
                        + describe(watch.unhealthy()) + ")" + probes, measurements);
            }
            if (firstUnhealthy != null) {
                return new Outcome(ResultStatus.PASSED, service.id() + " went unhealthy "
                        + Texts.duration(Duration.ofMillis(detect)) + " into " + description + " and was "
                        + recovery + ", within " + Texts.duration(expect.recoverWithin()) + probes, measurements);
            }
            if (firstWarning != null) {
                return new Outcome(ResultStatus.DEGRADED, service.id() + " stayed up through " + description
                        + " but crossed a warning level: " + describe(firstWarning) + probes, measurements);
            }
            return new Outcome(ResultStatus.PASSED, service.id() + " stayed healthy through " + description + probes,
                    measurements);
        }

        private String describe(Seen seen) {
            return seen == null ? "no probe" : seen.check() + " " + seen.observation().health().name().toLowerCase()
                    + ": " + seen.observation().detail();
        }

        private Outcome error(String message) {
            return new Outcome(ResultStatus.ERROR, message, Measurements.NONE);
        }
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private record Outcome(ResultStatus status, String message, Measurements measurements) {
    }
}
