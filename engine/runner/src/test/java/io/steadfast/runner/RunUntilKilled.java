package io.steadfast.runner;

import io.steadfast.model.Expect;
import io.steadfast.model.Fault;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.model.Instance;
import io.steadfast.model.Scope;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.model.TestDefinition;
import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultInjectorProvider;
import io.steadfast.spi.fault.FaultRequest;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.HealthCheckProvider;
import io.steadfast.spi.health.Observation;
import io.steadfast.spi.result.ResultEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An engine to kill: runs one {@code instance-stop} test of a service whose one instance is the
 * process in a pid file, with the connectors on the class path (the real instance-stop injector)
 * and a real fault journal, wired as the application wires them, and writes a marker file at the
 * moment its {@link Moment} comes. At {@link Moment#BEFORE_INJECT} and {@link Moment#AFTER_INJECT}
 * the injector then pauses, so that the engine is killed in that window; at
 * {@link Moment#DURING_FAULT} the runner goes on holding the fault as a long test does.
 *
 * <p>Arguments: {@code MOMENT JOURNAL_DIR PID_FILE MARKER_FILE}. Exits 3 if the run ends, 4 if nobody
 * killed it within {@link #PAUSE}: it is never meant to end by itself.
 */
public final class RunUntilKilled {

    /** Where the engine is when the marker is written. */
    enum Moment {
        /** The intent is journalled and the injector was called, but has applied nothing yet. */
        BEFORE_INJECT,
        /** The injector applied the fault (the victim is stopped); the runner has not seen it return. */
        AFTER_INJECT,
        /** The fault is applied and journalled, and the runner holds it while it probes. */
        DURING_FAULT
    }

    /** Long enough for any test to kill it; short enough not to outlive a test run that died. */
    static final Duration PAUSE = Duration.ofMinutes(2);

    private RunUntilKilled() {
    }

    public static void main(String[] args) throws Exception {
        Moment moment = Moment.valueOf(args[0]);
        Path journalDir = Path.of(args[1]);
        Path pidFile = Path.of(args[2]);
        Path marker = Path.of(args[3]);
        long victim = Long.parseLong(Files.readString(pidFile).trim());

        List<FaultInjectorProvider> faults = ServiceLoader.load(FaultInjectorProvider.class).stream()
                .map(ServiceLoader.Provider::get)
                .map(provider -> provider.types().contains("instance-stop")
                        ? new Pausing(provider, moment, marker) : provider)
                .collect(Collectors.toList());
        Connectors connectors = Connectors.of(faults, List.of(new VictimRunning(victim)), List.of(), Map.of());
        Clock clock = Clock.systemUTC();
        Runner runner = new Runner(connectors, new FaultJournal(journalDir), clock, Pause.sleeping(clock),
                Runner.Settings.DEFAULTS);
        // As 'steadfast run' does: an orderly exit reverts the fault; SIGKILL gives it no chance to.
        Runtime.getRuntime().addShutdownHook(new Thread(runner::revertAll, "steadfast-revert-faults"));

        Instance instance = new Instance("checkout-1", "a", pidFile.toString(), null, null);
        ServiceDefinition service = new ServiceDefinition("checkout", null, "payments", "tier-1", "staging", Map.of(),
                null, List.of(new HealthCheckSpec(VictimRunning.TYPE, null, "pid " + victim, null, null, null,
                        Duration.ofMillis(200), null, null)), List.of(instance), List.of());
        TestDefinition test = new TestDefinition("instance-stop", "redundancy", Scope.SERVICE, null,
                new Fault("instance-stop", null, 1, null, null, null, null, null), null, Duration.ofMinutes(10),
                new Expect(Duration.ofMinutes(1)));
        RunListener listener = new RunListener() {
            @Override
            public void stageStarted(PlannedTest planned, int stage, int stages, String fault, Duration duration) {
                if (moment == Moment.DURING_FAULT) {
                    mark(marker, fault);
                }
            }
        };

        List<ResultEvent> results = runner.run(service, List.of(new PlannedTest("crash", test, "", null,
                List.of(instance))), new Runner.Context("run-killed", null, null, ServiceOrigin.FILE),
                result -> { }, listener, HaltSignal.NEVER);
        System.err.println("the run ended, but should have been killed first: " + results);
        System.exit(3);
    }

    private static void mark(Path marker, String text) {
        try {
            Path temp = marker.resolveSibling(marker.getFileName() + ".tmp");
            Files.writeString(temp, text);
            Files.move(temp, marker, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write marker " + marker, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(PAUSE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        System.err.println("paused " + PAUSE + " and was not killed");
        System.exit(4);
    }

    /** The state letter of {@code /proc/PID/stat} ({@code S} sleeping, {@code T} stopped), empty when gone. */
    static Optional<Character> state(long pid) {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/stat", e);
        }
        // The command name (field 2) is in parentheses and may hold spaces or ')': the state follows the last ')'.
        return Optional.of(stat.charAt(stat.lastIndexOf(')') + 2));
    }

    /** The real provider, whose injector marks and pauses at the moment asked for. */
    private record Pausing(FaultInjectorProvider provider, Moment moment, Path marker) implements FaultInjectorProvider {

        @Override
        public Set<String> types() {
            return provider.types();
        }

        @Override
        public FaultInjector create(Map<String, String> config) {
            FaultInjector real = provider.create(config);
            return new FaultInjector() {
                @Override
                public String plan(FaultRequest request) {
                    return real.plan(request);
                }

                @Override
                public Map<String, String> intent(FaultRequest request) {
                    return real.intent(request);
                }

                @Override
                public ActiveFault inject(FaultRequest request) {
                    if (moment == Moment.BEFORE_INJECT) {
                        mark(marker, "intent journalled");
                        pause();
                    }
                    ActiveFault fault = real.inject(request);
                    if (moment == Moment.AFTER_INJECT) {
                        mark(marker, fault.description());
                        pause();
                    }
                    return fault;
                }

                @Override
                public void revert(Map<String, String> journal) {
                    real.revert(journal);
                }

                @Override
                public boolean controlsProcesses() {
                    return real.controlsProcesses();
                }
            };
        }
    }

    /** A health check that is healthy while the victim runs and unhealthy while it is stopped or gone. */
    private record VictimRunning(long pid) implements HealthCheckProvider {

        static final String TYPE = "victim-running";

        @Override
        public Set<String> types() {
            return Set.of(TYPE);
        }

        @Override
        public HealthCheck create(HealthCheckSpec spec) {
            return () -> {
                Optional<Character> state = state(pid);
                boolean running = state.isPresent() && state.get() != 'T' && state.get() != 'Z';
                return new Observation(running ? Health.HEALTHY : Health.UNHEALTHY, Duration.ZERO,
                        "PID " + pid + " " + state.map(s -> "in state " + s).orElse("gone"));
            };
        }
    }
}
