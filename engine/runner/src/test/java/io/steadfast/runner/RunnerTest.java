package io.steadfast.runner;

import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.model.Check;
import io.steadfast.model.Dependency;
import io.steadfast.model.Expect;
import io.steadfast.model.Fault;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.model.Scope;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.model.TestDefinition;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.spi.health.StaticCheckProvider;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunnerTest {

    @TempDir
    Path dir;

    private final FakeTime time = new FakeTime();
    private final SimulatedService service = new SimulatedService(time);
    private final List<ResultEvent> published = new ArrayList<>();

    private static final ServiceDefinition CHECKOUT = new ServiceDefinition("checkout", null, "payments", "tier-1",
            "staging", Map.of(), null,
            List.of(new HealthCheckSpec("http", "http://127.0.0.1:1/health", null, 200, null, null,
                    Duration.ofSeconds(2), null, null)),
            List.of(), List.of(new Dependency("inventory", "127.0.0.1:9001", true, null)));

    private static PlannedTest latency(Duration duration, Expect expect) {
        Fault fault = new Fault("latency", null, null, 100, null, null, null, null);
        TestDefinition test = new TestDefinition("dependency-latency", "dependencies", Scope.DEPENDENCY, null, fault,
                null, duration, expect);
        return new PlannedTest("recommended", test, "inventory", CHECKOUT.dependencies().get(0), List.of());
    }

    private static final PlannedTest LATENCY = latency(Duration.ofSeconds(30), null);

    private Runner runner() {
        return runner(new StaticCheckProvider[0]);
    }

    private Runner runner(StaticCheckProvider... checks) {
        Connectors connectors = Connectors.of(List.of(service), List.of(service), List.of(checks), Map.of());
        return new Runner(connectors, new FaultJournal(dir), time, time,
                new Runner.Settings(Duration.ofSeconds(10), Duration.ofSeconds(60)));
    }

    private ResultEvent runOne(PlannedTest test) throws InterruptedException {
        return runner().run(CHECKOUT, List.of(test), new Runner.Context("run-1", "1.4.2", null, ServiceOrigin.FILE),
                published::add, RunListener.SILENT, HaltSignal.NEVER).get(0);
    }

    private List<ResultEvent> run(Runner runner, PlannedTest test, HaltSignal halt) throws InterruptedException {
        return runner.run(CHECKOUT, List.of(test, LATENCY), new Runner.Context("run-1", "1.4.2", null, ServiceOrigin.FILE),
                published::add, RunListener.SILENT, halt);
    }

    @Test
    void shouldPassWhenTheServiceStaysHealthyThroughTheFault() throws InterruptedException {
        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isEqualTo(ResultStatus.PASSED);
        assertThat(result.measurements().probesTotal()).isEqualTo(14);
        assertThat(result.measurements().probesPassed()).isEqualTo(14);
        assertThat(result.measurements().timeToDetectMs()).isNull();
        assertThat(result.message()).isEqualTo("checkout stayed healthy through latency (14/14 probes healthy)");
        assertThat(service.events).startsWith("inject null at 0", "revert at 30");
        assertThat(service.requests.get(0).lease()).isEqualTo(Duration.ofSeconds(40));
    }

    @Test
    void shouldCarryTheRunsContextOnEveryResult() throws InterruptedException {
        ResultEvent result = run(runner(), LATENCY, HaltSignal.NEVER).get(0);

        assertThat(result.service()).isEqualTo("checkout");
        assertThat(result.suite()).isEqualTo("recommended");
        assertThat(result.test()).isEqualTo("dependency-latency");
        assertThat(result.target()).isEqualTo("inventory");
        assertThat(result.serviceVersion()).isEqualTo("1.4.2");
        assertThat(result.environment()).isEqualTo("staging");
        assertThat(result.source()).isEqualTo("steadfast-runner");
        assertThat(result.runId()).isEqualTo("run-1");
        assertThat(result.startedAt()).isEqualTo(FakeTime.START);
        assertThat(result.finishedAt()).isEqualTo(FakeTime.START.plusSeconds(30));
        assertThat(published).hasSize(2);
    }

    @Test
    void shouldHaltTestWhenHealthCheckFails() throws InterruptedException {
        service.breaksAfter = Duration.ofSeconds(3);
        service.recoversAfter = Duration.ofSeconds(5);

        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isEqualTo(ResultStatus.HALTED);
        assertThat(service.events).startsWith("inject null at 0", "revert at 4");
        assertThat(result.measurements().timeToDetectMs()).isEqualTo(4000);
        assertThat(result.measurements().timeToRecoverMs()).isEqualTo(6000);
        assertThat(result.measurements().probesTotal()).isEqualTo(2);
        assertThat(result.measurements().probesPassed()).isEqualTo(1);
        assertThat(result.message()).isEqualTo("http http://127.0.0.1:1/health unhealthy: unhealthy at 4s 4.0 s into"
                + " latency; fault reverted at once; healthy again 6.0 s after the fault ended");
    }

    @Test
    void shouldSayWhenAHaltedServiceDoesNotRecover() throws InterruptedException {
        service.breaksAfter = Duration.ofSeconds(3);
        service.recoversAfter = Duration.ofMinutes(10);

        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isEqualTo(ResultStatus.HALTED);
        assertThat(result.measurements().timeToRecoverMs()).isNull();
        assertThat(result.message()).contains("still unhealthy 60 s after the fault ended");
    }

    @Test
    void shouldGiveDegradedWhenOnlyAWarningLevelIsCrossed() throws InterruptedException {
        service.warnsAfter = Duration.ofSeconds(10);

        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isEqualTo(ResultStatus.DEGRADED);
        assertThat(result.measurements().probesPassed()).isEqualTo(14);
        assertThat(result.message()).startsWith("checkout stayed up through latency but crossed a warning level");
    }

    @Test
    void shouldPassADipThatRecoversWithinRecoverWithin() throws InterruptedException {
        service.breaksAfter = Duration.ofSeconds(10);
        service.recoversAfter = Duration.ofSeconds(15);

        ResultEvent result = runOne(latency(Duration.ofSeconds(30), new Expect(Duration.ofSeconds(60))));

        assertThat(result.status()).isEqualTo(ResultStatus.PASSED);
        assertThat(service.events).startsWith("inject null at 0", "revert at 30");
        assertThat(result.measurements().timeToDetectMs()).isEqualTo(10_000);
        assertThat(result.measurements().timeToRecoverMs()).isEqualTo(16_000);
        assertThat(result.measurements().probesPassed()).isEqualTo(4);
    }

    @Test
    void shouldFailWhenTheServiceDoesNotRecoverWithinRecoverWithin() throws InterruptedException {
        service.breaksAfter = Duration.ofSeconds(10);
        service.recoversAfter = Duration.ofSeconds(90);

        ResultEvent result = runOne(latency(Duration.ofSeconds(30), new Expect(Duration.ofSeconds(60))));

        assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(result.finishedAt()).isEqualTo(FakeTime.START.plusSeconds(90));
        assertThat(result.message()).startsWith("checkout was not healthy again within 60 s after latency ended");
    }

    @Test
    void shouldSkipWithoutAttackingWhenPreflightFindsTheServiceUnhealthy() throws InterruptedException {
        service.unhealthyBeforeFault = true;

        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isEqualTo(ResultStatus.SKIPPED);
        assertThat(result.message()).startsWith("preflight: http http://127.0.0.1:1/health was unhealthy");
        assertThat(service.events).isEmpty();
    }

    @Test
    void shouldGiveErrorWhenTheFaultCannotBeApplied() throws InterruptedException {
        service.failInject = "proxy at 127.0.0.1:8474 refused the connection";

        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.message()).isEqualTo("could not run: proxy at 127.0.0.1:8474 refused the connection");
    }

    @Test
    void shouldGiveErrorWhenThePlanIsRefused() throws InterruptedException {
        service.failPlan = "dependency 'inventory' has no fault proxy";

        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(service.events).isEmpty();
    }

    @Test
    void shouldRefuseAFaultTypeNoConnectorHandles() throws InterruptedException {
        Fault fault = new Fault("reset", null, null, null, null, null, null, null);
        PlannedTest reset = new PlannedTest("s", new TestDefinition("reset", "c", Scope.DEPENDENCY, null, fault, null,
                Duration.ofSeconds(5), null), "inventory", CHECKOUT.dependencies().get(0), List.of());

        ResultEvent result = runOne(reset);

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.message()).isEqualTo("could not run: fault type 'reset' must have a connector installed,"
                + " but none handles it (known: cpu, http, latency)");
    }

    @Test
    void shouldRunEachStageWithItsOwnPercentage() throws InterruptedException {
        Fault cpu = new Fault("cpu", List.of(50, 75, 90), null, null, null, null, null, null);
        PlannedTest test = new PlannedTest("recommended", new TestDefinition("cpu", "scalability", Scope.SERVICE,
                null, cpu, null, Duration.ofSeconds(30), null), "", null, List.of());

        ResultEvent result = runOne(test);

        assertThat(result.status()).isEqualTo(ResultStatus.PASSED);
        assertThat(service.events).startsWith("inject 50 at 0", "revert at 10", "inject 75 at 10", "revert at 20",
                "inject 90 at 20", "revert at 30");
        assertThat(service.requests.get(1).lease()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void shouldRevertAtOnceAndStopTheRunWhenHalted() throws InterruptedException {
        AtomicBoolean halted = new AtomicBoolean();
        HaltSignal halt = () -> {
            if (time.secondsSinceStart() >= 7 && service.faultActive()) {
                halted.set(true);
            }
            return halted.get();
        };

        List<ResultEvent> results = run(runner(), LATENCY, halt);

        assertThat(results).hasSize(1);
        assertThat(results.get(0).status()).isEqualTo(ResultStatus.ERROR);
        assertThat(results.get(0).message()).isEqualTo("run halted by an operator 8.0 s into latency; fault reverted");
        assertThat(service.events).containsExactly("inject null at 0", "revert at 8");
    }

    @Test
    void shouldKeepAFaultThatCouldNotBeRevertedInTheJournalForTheNextEngine() throws InterruptedException {
        service.journal = Map.of("pid", "4242");
        service.failRevert = "kill -CONT 4242: operation not permitted";

        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.message()).startsWith("fault could not be reverted: kill -CONT 4242: operation not permitted");
        assertThat(new FaultJournal(dir).pending()).singleElement()
                .satisfies(entry -> assertThat(entry.data()).isEqualTo(Map.of("pid", "4242")));

        service.failRevert = null;
        List<String> lines = runner().recoverJournal();

        assertThat(lines).singleElement().asString().startsWith("reverted latency on checkout");
        assertThat(service.events).contains("revert journaled {pid=4242}");
        assertThat(new FaultJournal(dir).pending()).isEmpty();
    }

    @Test
    void shouldJournalTheIntentBeforeTheFaultIsAppliedAndWhatTheFaultSaysOnceItIs() throws InterruptedException {
        service.intent = Map.of("pid", "4242", "applied", "maybe");
        service.journal = Map.of("pid", "4242");
        List<FaultJournal.Entry> seenAtInject = new ArrayList<>();
        service.onInject = () -> seenAtInject.addAll(new FaultJournal(dir).pending());
        List<FaultJournal.Entry> seenDuringFault = new ArrayList<>();
        time.onAdvance(() -> {
            if (seenDuringFault.isEmpty() && service.faultActive()) {
                seenDuringFault.addAll(new FaultJournal(dir).pending());
            }
        });

        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isNotEqualTo(ResultStatus.ERROR);
        assertThat(seenAtInject).singleElement()
                .satisfies(entry -> assertThat(entry.data()).isEqualTo(Map.of("pid", "4242", "applied", "maybe")));
        assertThat(seenDuringFault).singleElement().satisfies(entry -> {
            assertThat(entry.data()).isEqualTo(Map.of("pid", "4242"));
            assertThat(entry.id()).isEqualTo(seenAtInject.get(0).id());
        });
        assertThat(new FaultJournal(dir).pending()).isEmpty();
    }

    @Test
    void shouldRevertTheIntentAndDropItsEntryWhenTheFaultCouldNotBeApplied() throws InterruptedException {
        service.intent = Map.of("pid", "4242");
        service.failInject = "kill -STOP 4242: operation not permitted";

        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(service.events).contains("revert journaled {pid=4242}");
        assertThat(new FaultJournal(dir).pending()).isEmpty();
    }

    @Test
    void shouldLeaveNoJournalEntryOnceTheFaultIsReverted() throws InterruptedException {
        service.journal = Map.of("pid", "4242");

        runOne(LATENCY);

        assertThat(new FaultJournal(dir).pending()).isEmpty();
    }

    @Test
    void shouldRevertEveryActiveFaultAtShutdown() throws InterruptedException {
        Runner runner = runner();
        HaltSignal shutdownMidFault = () -> {
            if (time.secondsSinceStart() >= 5 && service.faultActive()) {
                runner.revertAll();
            }
            return false;
        };

        run(runner, LATENCY, shutdownMidFault);

        assertThat(service.events).startsWith("inject null at 0", "revert at 6");
    }

    @Test
    void shouldRunAStaticCheckInsteadOfAFault() throws InterruptedException {
        StaticCheckProvider expiry = new StaticCheckProvider() {
            @Override
            public Set<String> types() {
                return Set.of("certificate-expiry");
            }

            @Override
            public Outcome run(Check check, Dependency dependency, java.time.Instant now) {
                return new Outcome(ResultStatus.FAILED, "certificate of " + dependency.endpoint() + " expires in 9 days");
            }
        };
        PlannedTest test = new PlannedTest("recommended", new TestDefinition("certificate-expiry", "dependencies",
                Scope.DEPENDENCY, null, null, new Check("certificate-expiry", Duration.ofDays(30)), null, null),
                "inventory", CHECKOUT.dependencies().get(0), List.of());

        ResultEvent result = run(runner(expiry), test, HaltSignal.NEVER).get(0);

        assertThat(result.status()).isEqualTo(ResultStatus.FAILED);
        assertThat(result.message()).isEqualTo("certificate of 127.0.0.1:9001 expires in 9 days");
        assertThat(service.events).hasSize(2); // only the second test's fault
    }

    @Test
    void shouldRefuseASecondRunOfTheSameService() throws InterruptedException {
        Runner runner = runner();
        List<Throwable> refused = new ArrayList<>();
        HaltSignal startAnother = () -> {
            if (refused.isEmpty()) {
                try {
                    runner.run(CHECKOUT, List.of(LATENCY), new Runner.Context("run-2", null, null,
                            ServiceOrigin.FILE), r -> { }, RunListener.SILENT, HaltSignal.NEVER);
                } catch (SteadfastException | InterruptedException e) {
                    refused.add(e);
                }
            }
            return false;
        };

        run(runner, LATENCY, startAnother);

        assertThat(refused).singleElement().asString()
                .contains("service 'checkout' must have one run at a time, but a run is already in progress");
    }

    @Test
    void shouldDescribeThePlanWithoutApplyingAnything() {
        service.failPlan = null;
        List<String> lines = runner().dryRun(CHECKOUT, ServiceOrigin.FILE, List.of(LATENCY,
                latency(Duration.ofMinutes(5), new Expect(Duration.ofSeconds(60)))));

        assertThat(lines).containsExactly(
                "dependency-latency[inventory]: apply latency for 30 s, expect survive",
                "dependency-latency[inventory]: apply latency for 300 s, expect recovery within 60 s");
        assertThat(service.events).isEmpty();
    }

    @Test
    void shouldRefuseAFaultTestForAServiceWithoutHealthChecks() throws InterruptedException {
        ServiceDefinition blind = new ServiceDefinition("blind", null, "t", "tier-2", null, null, null, List.of(),
                List.of(), CHECKOUT.dependencies());

        ResultEvent result = runner().run(blind, List.of(LATENCY), new Runner.Context("r", null, null,
                ServiceOrigin.FILE), r -> { }, RunListener.SILENT, HaltSignal.NEVER).get(0);

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.message()).contains("must have a health check to judge a fault test by");
    }

    @Test
    void shouldRefuseProcessControlForAServiceRegisteredOverTheApi() throws InterruptedException {
        service.controlsProcesses = true;

        ResultEvent result = runner().run(CHECKOUT, List.of(LATENCY), new Runner.Context("r", null, null,
                ServiceOrigin.API), r -> { }, RunListener.SILENT, HaltSignal.NEVER).get(0);
        List<String> plan = runner().dryRun(CHECKOUT, ServiceOrigin.API, List.of(LATENCY));

        assertThat(result.status()).isEqualTo(ResultStatus.ERROR);
        assertThat(result.message()).contains("fault 'latency' stops processes or runs commands, which only a service"
                + " an admin registered from a file may have", "service 'checkout' was registered over the API");
        assertThat(plan).singleElement().asString().contains("cannot run: fault 'latency' stops processes");
        assertThat(service.events).as("nothing injected, nothing probed").isEmpty();
        assertThat(service.requests).isEmpty();
    }

    @Test
    void shouldControlProcessesOfAServiceRegisteredFromAFile() throws InterruptedException {
        service.controlsProcesses = true;

        ResultEvent result = runOne(LATENCY);

        assertThat(result.status()).isEqualTo(ResultStatus.PASSED);
        assertThat(service.requests).isNotEmpty();
    }
}
