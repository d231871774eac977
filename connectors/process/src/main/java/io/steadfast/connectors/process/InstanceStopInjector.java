package io.steadfast.connectors.process;

import io.steadfast.connectors.process.config.ProcessSettings;
import io.steadfast.connectors.process.internal.JournaledFault;
import io.steadfast.connectors.process.internal.Proc;
import io.steadfast.connectors.process.internal.Shell;
import io.steadfast.model.Instance;
import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Takes instances away, for {@code instance-stop} (the first {@code count} of the service's
 * instances by id) and {@code zone-outage} (every instance of the zone).
 *
 * <p>An instance with a {@code stopCommand} and a {@code startCommand} is stopped and started with
 * them ({@code sh -c}, with {@code STEADFAST_SERVICE} and {@code STEADFAST_INSTANCE} set, within
 * {@link ProcessSettings#commandTimeout()}). Otherwise its {@code pidFile} names a local process,
 * which is frozen with {@code SIGSTOP} and thawed with {@code SIGCONT}. The process's start time
 * ({@code /proc/PID/stat} field 22) is recorded when it is stopped and checked before every signal,
 * so a PID the kernel gave to another process is never signalled. Both kinds of instance come only
 * from service files an admin loads.
 *
 * <p>The fault does not revert by itself: its journal holds the PIDs and start times, or the start
 * commands, and {@link #revert(Map)} works from any injector in any engine. Stateless and safe for
 * several threads.
 */
public final class InstanceStopInjector implements FaultInjector {

    static final String SERVICE = "service";
    static final String INSTANCES = "instances";

    private final ProcessSettings settings;

    public InstanceStopInjector(ProcessSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Always: it {@linkplain FaultInjector#controlsProcesses() controls processes}. */
    @Override
    public boolean controlsProcesses() {
        return true;
    }

    @Override
    public String plan(FaultRequest request) {
        return describe(request, targets(request));
    }

    /**
     * Every target recorded as stopped: reverting it continues (SIGCONT) processes that were never
     * stopped, which is harmless, and runs the start commands of instances never stopped, which must
     * therefore be safe to run on a running instance.
     */
    @Override
    public Map<String, String> intent(FaultRequest request) {
        Map<String, String> journal = new LinkedHashMap<>();
        journal.put(SERVICE, request.service().id());
        List<String> ids = new ArrayList<>();
        for (Target target : targets(request)) {
            ids.add(target.instanceId());
            target.record(journal);
        }
        journal.put(INSTANCES, String.join(",", ids));
        return journal;
    }

    @Override
    public ActiveFault inject(FaultRequest request) {
        String service = request.service().id();
        List<Target> targets = targets(request);
        Map<String, String> journal = new LinkedHashMap<>();
        journal.put(SERVICE, service);
        List<String> stopped = new ArrayList<>();
        try {
            for (Target target : targets) {
                // A failed stop command may have half-stopped its instance: its start command runs too.
                stopped.add(target.instanceId());
                target.record(journal);
                journal.put(INSTANCES, String.join(",", stopped));
                stop(target, service);
            }
        } catch (RuntimeException e) {
            if (targets.get(stopped.size() - 1) instanceof Frozen) {
                stopped.remove(stopped.size() - 1);
                journal.put(INSTANCES, String.join(",", stopped));
            }
            try {
                revert(journal);
            } catch (RuntimeException revertFailure) {
                e.addSuppressed(revertFailure);
            }
            throw e;
        }
        return new JournaledFault(describe(request, targets), journal, this::revert);
    }

    @Override
    public void revert(Map<String, String> journal) {
        String service = required(journal, SERVICE);
        List<String> ids = List.of(required(journal, INSTANCES).split(","));
        List<FaultException> failures = new ArrayList<>();
        for (int i = ids.size() - 1; i >= 0; i--) {
            try {
                start(Target.fromJournal(ids.get(i), journal), service);
            } catch (FaultException e) {
                failures.add(e);
            }
        }
        if (!failures.isEmpty()) {
            FaultException first = failures.get(0);
            FaultException thrown = new FaultException("instances of service '" + service + "' could not all be "
                    + "restarted: " + failures.stream().map(Throwable::getMessage).collect(Collectors.joining("; ")),
                    first);
            failures.stream().skip(1).forEach(thrown::addSuppressed);
            throw thrown;
        }
    }

    private List<Target> targets(FaultRequest request) {
        String type = request.fault().type();
        if (!InstanceStopInjectorProvider.TYPES.contains(type)) {
            throw new FaultException("fault type must be one of " + InstanceStopInjectorProvider.TYPES
                    + ", but was '" + type + "'");
        }
        List<Instance> candidates = request.instances().stream()
                .sorted(Comparator.comparing(Instance::id))
                .toList();
        String service = request.service().id();
        if (candidates.isEmpty()) {
            throw new FaultException("fault '" + type + "' on service '" + service
                    + "' must have instances in reach, but had none");
        }
        int count = candidates.size();
        if (type.equals("instance-stop")) {
            count = request.fault().count() == null ? 1 : request.fault().count();
            if (count < 1 || count > candidates.size()) {
                throw new FaultException("count of fault 'instance-stop' on service '" + service + "' must be from 1 to "
                        + candidates.size() + " (its instances), but was " + count);
            }
        }
        List<Target> targets = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Instance instance : candidates.subList(0, count)) {
            try {
                targets.add(target(instance));
            } catch (FaultException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new FaultException(String.join("; ", problems));
        }
        return targets;
    }

    private static Target target(Instance instance) {
        boolean hasStop = instance.stopCommand() != null && !instance.stopCommand().isBlank();
        boolean hasStart = instance.startCommand() != null && !instance.startCommand().isBlank();
        if (hasStop && hasStart) {
            return new Commanded(instance.id(), instance.stopCommand(), instance.startCommand());
        }
        if (hasStop || hasStart) {
            throw new FaultException("instance '" + instance.id() + "' must have both stopCommand and startCommand, "
                    + "but had only " + (hasStop ? "stopCommand" : "startCommand"));
        }
        if (instance.pidFile() == null || instance.pidFile().isBlank()) {
            throw new FaultException("instance '" + instance.id() + "' must have a pidFile or stopCommand and "
                    + "startCommand, but had neither");
        }
        long pid = readPid(instance);
        Proc.Stat stat = Proc.stat(pid).filter(Proc.Stat::alive).orElseThrow(() -> new FaultException(
                "pidFile '" + instance.pidFile() + "' of instance '" + instance.id()
                        + "' must name a running process, but PID " + pid + " has none"));
        if (pid <= 1 || isSelfOrAncestor(pid)) {
            throw new FaultException("pidFile '" + instance.pidFile() + "' of instance '" + instance.id()
                    + "' must name a process other than init and the engine and its parents, but was PID " + pid);
        }
        return new Frozen(instance.id(), instance.pidFile(), pid, stat.startTime());
    }

    private static long readPid(Instance instance) {
        String text;
        try {
            text = Files.readString(Path.of(instance.pidFile())).trim();
        } catch (NoSuchFileException e) {
            throw new FaultException("pidFile '" + instance.pidFile() + "' of instance '" + instance.id()
                    + "' must exist, but did not", e);
        } catch (IOException e) {
            throw new FaultException("pidFile '" + instance.pidFile() + "' of instance '" + instance.id()
                    + "' must be readable, but was not: " + e.getMessage(), e);
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new FaultException("pidFile '" + instance.pidFile() + "' of instance '" + instance.id()
                    + "' must hold a PID, but held '" + abbreviate(text) + "'", e);
        }
    }

    private static boolean isSelfOrAncestor(long pid) {
        Optional<ProcessHandle> handle = Optional.of(ProcessHandle.current());
        while (handle.isPresent()) {
            if (handle.get().pid() == pid) {
                return true;
            }
            handle = handle.get().parent();
        }
        return false;
    }

    private void stop(Target target, String service) {
        if (target instanceof Frozen frozen) {
            signal(frozen, "STOP");
        } else if (target instanceof Commanded commanded) {
            runCommand(commanded.instanceId(), "stopCommand", commanded.stopCommand(), service);
        }
    }

    private void start(Target target, String service) {
        if (target instanceof Frozen frozen) {
            Optional<Proc.Stat> now = Proc.stat(frozen.pid()).filter(Proc.Stat::alive);
            if (now.isEmpty() || now.get().startTime() != frozen.startTime()) {
                return; // the stopped process is gone (its PID may belong to another now): nothing to continue
            }
            try {
                signal(frozen, "CONT");
            } catch (FaultException e) {
                if (Proc.stat(frozen.pid()).filter(Proc.Stat::alive).isPresent()) {
                    throw e;
                }
            }
        } else if (target instanceof Commanded commanded) {
            runCommand(commanded.instanceId(), "startCommand", commanded.startCommand(), service);
        }
    }

    private static void signal(Frozen target, String signal) {
        Optional<Proc.Stat> now = Proc.stat(target.pid());
        if (now.isEmpty() || !now.get().alive()) {
            throw new FaultException("process " + target.pid() + " of instance '" + target.instanceId()
                    + "' must be running to receive SIG" + signal + ", but is gone");
        }
        if (now.get().startTime() != target.startTime()) {
            throw new FaultException("process " + target.pid() + " of instance '" + target.instanceId()
                    + "' must have start time " + target.startTime() + " (recorded when it was stopped), but was "
                    + now.get().startTime() + ": the PID belongs to another process now and is not sent SIG" + signal);
        }
        Proc.kill(signal, target.pid());
    }

    private void runCommand(String instanceId, String which, String command, String service) {
        Duration timeout = settings.commandTimeout();
        Shell.Result result = Shell.sh(command, Map.of("STEADFAST_SERVICE", service, "STEADFAST_INSTANCE", instanceId),
                timeout);
        if (result.exitCode() != 0) {
            throw new FaultException(which + " '" + command + "' of instance '" + instanceId + "' must exit 0, but "
                    + "exited " + result.exitCode() + ": " + result.stderrTail());
        }
    }

    private static String describe(FaultRequest request, List<Target> targets) {
        String service = request.service().id();
        String what = targets.stream().map(Target::describe).collect(Collectors.joining(", "));
        if (request.fault().type().equals("zone-outage")) {
            String zones = request.instances().stream().map(Instance::zone).filter(Objects::nonNull).distinct()
                    .sorted().collect(Collectors.joining(", "));
            return "stop every instance of '" + service + "' in zone '" + zones + "': " + what;
        }
        return "stop " + targets.size() + " of " + request.instances().size() + " instances of '" + service + "': "
                + what;
    }

    private static String required(Map<String, String> journal, String key) {
        String value = journal.get(key);
        if (value == null || value.isBlank()) {
            throw new FaultException("journal entry '" + key + "' must be present, but was missing in " + journal);
        }
        return value;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    /** An instance to stop, and how. */
    private sealed interface Target permits Frozen, Commanded {

        String instanceId();

        String describe();

        void record(Map<String, String> journal);

        static Target fromJournal(String id, Map<String, String> journal) {
            String prefix = "instance." + id + ".";
            String startCommand = journal.get(prefix + "startCommand");
            if (startCommand != null) {
                return new Commanded(id, null, startCommand);
            }
            try {
                return new Frozen(id, null, Long.parseLong(required(journal, prefix + "pid")),
                        Long.parseLong(required(journal, prefix + "startTime")));
            } catch (NumberFormatException e) {
                throw new FaultException("journal entries '" + prefix + "pid' and '" + prefix + "startTime' must be "
                        + "numbers, but were '" + journal.get(prefix + "pid") + "' and '"
                        + journal.get(prefix + "startTime") + "'", e);
            }
        }
    }

    private record Frozen(String instanceId, String pidFile, long pid, long startTime) implements Target {

        @Override
        public String describe() {
            return instanceId + " (SIGSTOP to PID " + pid + " of '" + pidFile + "')";
        }

        @Override
        public void record(Map<String, String> journal) {
            journal.put("instance." + instanceId + ".pid", Long.toString(pid));
            journal.put("instance." + instanceId + ".startTime", Long.toString(startTime));
        }
    }

    private record Commanded(String instanceId, String stopCommand, String startCommand) implements Target {

        @Override
        public String describe() {
            return instanceId + " (stopCommand '" + stopCommand + "')";
        }

        @Override
        public void record(Map<String, String> journal) {
            journal.put("instance." + instanceId + ".startCommand", startCommand);
        }
    }
}
