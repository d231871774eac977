package io.steadfast.runner;

import io.steadfast.model.HealthCheckSpec;
import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultInjectorProvider;
import io.steadfast.spi.fault.FaultRequest;
import io.steadfast.spi.health.Health;
import io.steadfast.spi.health.HealthCheck;
import io.steadfast.spi.health.HealthCheckProvider;
import io.steadfast.spi.health.Observation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A service that exists only in fake time, with a fault connector and a health-check connector
 * that act on it: it reacts to a fault after {@code breaksAfter} (unhealthy) or {@code warnsAfter}
 * (warning), and is healthy again {@code recoversAfter} the fault is reverted. For the runner's
 * lifecycle rules; the real connectors have their own tests against real sockets and processes.
 */
final class SimulatedService implements FaultInjectorProvider, HealthCheckProvider {

    final FakeTime time;
    final List<String> events = new ArrayList<>();
    final List<FaultRequest> requests = new ArrayList<>();
    Duration breaksAfter;
    Duration warnsAfter;
    Duration recoversAfter = Duration.ZERO;
    boolean unhealthyBeforeFault;
    String failInject;
    String failRevert;
    String failPlan;
    boolean controlsProcesses;
    Map<String, String> journal = Map.of();
    Map<String, String> intent = Map.of();
    Runnable onInject = () -> { };
    private Instant faultStart;
    private Instant faultEnd;
    private boolean broke;

    SimulatedService(FakeTime time) {
        this.time = time;
    }

    boolean faultActive() {
        return faultStart != null;
    }

    @Override
    public Set<String> types() {
        return Set.of("latency", "cpu", "http");
    }

    @Override
    public FaultInjector create(Map<String, String> config) {
        return new FaultInjector() {
            @Override
            public boolean controlsProcesses() {
                return controlsProcesses;
            }

            @Override
            public String plan(FaultRequest request) {
                if (failPlan != null) {
                    throw new FaultException(failPlan);
                }
                return "apply " + request.fault().type();
            }

            @Override
            public Map<String, String> intent(FaultRequest request) {
                return intent;
            }

            @Override
            public ActiveFault inject(FaultRequest request) {
                onInject.run();
                if (failInject != null) {
                    throw new FaultException(failInject);
                }
                requests.add(request);
                faultStart = time.instant();
                broke = false;
                events.add("inject " + request.stage() + " at " + time.secondsSinceStart());
                return new ActiveFault() {
                    @Override
                    public String description() {
                        return request.fault().type() + (request.stage() == null ? "" : " " + request.stage() + "%");
                    }

                    @Override
                    public void renew(Duration lease) {
                    }

                    @Override
                    public void revert() {
                        if (failRevert != null) {
                            throw new FaultException(failRevert);
                        }
                        if (faultStart != null) {
                            faultStart = null;
                            faultEnd = time.instant();
                            events.add("revert at " + time.secondsSinceStart());
                        }
                    }

                    @Override
                    public Map<String, String> journal() {
                        return journal;
                    }
                };
            }

            @Override
            public void revert(Map<String, String> data) {
                events.add("revert journaled " + data);
                faultStart = null;
            }
        };
    }

    @Override
    public HealthCheck create(HealthCheckSpec spec) {
        return () -> {
            Instant now = time.instant();
            Health health = Health.HEALTHY;
            if (unhealthyBeforeFault && faultStart == null && faultEnd == null) {
                health = Health.UNHEALTHY;
            } else if (faultStart != null && breaksAfter != null && !now.isBefore(faultStart.plus(breaksAfter))) {
                health = Health.UNHEALTHY;
                broke = true;
            } else if (faultStart != null && warnsAfter != null && !now.isBefore(faultStart.plus(warnsAfter))) {
                health = Health.WARNING;
            } else if (faultStart == null && broke && now.isBefore(faultEnd.plus(recoversAfter))) {
                health = Health.UNHEALTHY;
            }
            return new Observation(health, Duration.ofMillis(5), health.name().toLowerCase() + " at "
                    + time.secondsSinceStart() + "s");
        };
    }
}
