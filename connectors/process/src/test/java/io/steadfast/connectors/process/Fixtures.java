package io.steadfast.connectors.process;

import static org.awaitility.Awaitility.await;

import io.steadfast.connectors.process.internal.Proc;
import io.steadfast.model.Dependency;
import io.steadfast.model.Fault;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.spi.fault.FaultRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Requests, and child processes a test starts and always ends. */
final class Fixtures implements AutoCloseable {

    private final List<Process> started = new ArrayList<>();

    static ServiceDefinition service(List<Instance> instances) {
        return new ServiceDefinition("checkout", null, "payments", "tier-1", "production", null, null, null,
                instances, null);
    }

    static FaultRequest instanceStop(int count, Instance... instances) {
        return new FaultRequest(service(List.of(instances)), fault("instance-stop", count), null, null,
                List.of(instances), Duration.ofMinutes(5));
    }

    static FaultRequest zoneOutage(Instance... instances) {
        return new FaultRequest(service(List.of(instances)), fault("zone-outage", null), null, null,
                List.of(instances), Duration.ofMinutes(5));
    }

    static FaultRequest exec(String inject, String revert) {
        Fault fault = new Fault("exec", null, null, null, null, null, inject, revert);
        Dependency inventory = new Dependency("inventory", "127.0.0.1:9001", false, null);
        return new FaultRequest(service(List.of()), fault, 50, inventory, List.of(), Duration.ofMinutes(5));
    }

    static FaultRequest stress(String type, int stage, Duration lease) {
        Fault fault = new Fault(type, List.of(stage), null, null, null, null, null, null);
        return new FaultRequest(service(List.of()), fault, stage, null, List.of(), lease);
    }

    private static Fault fault(String type, Integer count) {
        return new Fault(type, null, count, null, null, null, null, null);
    }

    /** Starts {@code sleep 600}, ended when the test closes this; returns once it sleeps. */
    Process sleeper() throws IOException {
        Process process = new ProcessBuilder("sleep", "600").start();
        started.add(process);
        await().atMost(Duration.ofSeconds(5)).until(() -> Proc.stat(process.pid()).orElseThrow().state() == 'S');
        return process;
    }

    /** A sleeper whose PID is written to {@code dir/<id>.pid}, as the instance {@code id} in {@code zone}. */
    Instance sleeperInstance(Path dir, String id, String zone, Process sleeper) throws IOException {
        Path pidFile = dir.resolve(id + ".pid");
        Files.writeString(pidFile, sleeper.pid() + "\n");
        return new Instance(id, zone, pidFile.toString(), null, null);
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : started) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
