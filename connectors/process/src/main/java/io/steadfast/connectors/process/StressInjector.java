package io.steadfast.connectors.process;

import io.steadfast.connectors.process.config.ProcessSettings;
import io.steadfast.connectors.process.config.ProcessSettings.StressEngine;
import io.steadfast.connectors.process.internal.Burner;
import io.steadfast.connectors.process.internal.Proc;
import io.steadfast.connectors.process.internal.StressProcess;
import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultRequest;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Puts CPU or memory pressure on the engine's host, for {@code cpu} and {@code memory}: the
 * request's stage is the percentage of the host's CPU (spread over every core) or of its memory
 * ({@code MemTotal}), capped at {@link ProcessSettings#cpuCeilingPercent()} and
 * {@link ProcessSettings#memoryCeilingBytes()} (the description says when).
 *
 * <p>The pressure comes from {@code stress-ng} ({@code --cpu N --cpu-load P}, or
 * {@code --vm 1 --vm-bytes B --vm-keep --vm-hang 0}) when it is on the {@code PATH}, else from a
 * child JVM running this module's {@link Burner}; {@link ProcessSettings#stressEngine()} may choose
 * either. Both revert by themselves when the lease runs out unrenewed: {@code stress-ng} is given
 * {@code --timeout} equal to the lease (and is started again with the new lease on
 * {@link ActiveFault#renew}), the burner counts its lease down and also exits when the engine goes
 * away. So {@link ActiveFault#journal()} is empty, and {@link ActiveFault#revert()} kills the
 * process and waits for it to end. Stateless and safe for several threads.
 */
public final class StressInjector implements FaultInjector {

    private static final long MIB = 1024 * 1024;

    private final ProcessSettings settings;

    public StressInjector(ProcessSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public String plan(FaultRequest request) {
        return plan(request, engine()).description();
    }

    @Override
    public ActiveFault inject(FaultRequest request) {
        Plan plan = plan(request, engine());
        boolean burner = plan.stressNg() == null;
        Function<Duration, List<String>> command = burner
                ? lease -> burnerCommand(plan, lease)
                : lease -> stressNgCommand(plan, lease);
        return new Stressing(plan.description(), StressProcess.start(command, burner, request.lease()));
    }

    /** Nothing to do: a stress fault ends by itself once its lease runs out, and journals nothing. */
    @Override
    public void revert(Map<String, String> journal) {
    }

    private Plan plan(FaultRequest request, Path stressNg) {
        String type = request.fault().type();
        String service = request.service().id();
        if (!StressInjectorProvider.TYPES.contains(type)) {
            throw new FaultException("fault type must be one of " + StressInjectorProvider.TYPES + ", but was '"
                    + type + "'");
        }
        Integer stage = request.stage();
        if (stage == null || stage < 1 || stage > 100) {
            throw new FaultException("stage of fault '" + type + "' on service '" + service
                    + "' must be a percentage from 1 to 100, but was " + stage);
        }
        String by = (stressNg == null ? "the built-in burner" : "'" + stressNg + "'")
                + ", ending by itself unless renewed within " + request.lease().toSeconds() + "s";
        if (type.equals("cpu")) {
            int percent = Math.min(stage, settings.cpuCeilingPercent());
            String capped = percent < stage
                    ? " (stage " + stage + "% capped to the ceiling '" + ProcessSettings.CPU_CEILING_PERCENT + "' of "
                            + settings.cpuCeilingPercent() + "%)"
                    : "";
            int cores = Runtime.getRuntime().availableProcessors();
            return new Plan(type, percent, cores, stressNg, "burn " + percent + "% of the host's CPU on " + cores
                    + " cores" + capped + " with " + by);
        }
        long memTotal = Proc.memTotalBytes();
        long asked = memTotal / 100 * stage;
        long bytes = Math.min(asked, settings.memoryCeilingBytes());
        String capped = bytes < asked
                ? " (stage " + stage + "% = " + asked / MIB + " MiB capped to the ceiling '"
                        + ProcessSettings.MEMORY_CEILING_MB + "' of " + settings.memoryCeilingBytes() / MIB + " MiB)"
                : " (" + stage + "% of " + memTotal / MIB + " MiB)";
        return new Plan(type, bytes, 1, stressNg, "hold " + bytes / MIB + " MiB of the host's memory" + capped
                + " with " + by);
    }

    /** {@code stress-ng}'s path, or null for the built-in burner. */
    private Path engine() {
        StressEngine engine = settings.stressEngine();
        if (engine == StressEngine.BUILTIN) {
            return null;
        }
        Optional<Path> stressNg = onPath("stress-ng");
        if (engine == StressEngine.STRESS_NG && stressNg.isEmpty()) {
            throw new FaultException("setting '" + ProcessSettings.STRESS_ENGINE + "' is 'stress-ng', so 'stress-ng' "
                    + "must be on the PATH, but was not found in '" + System.getenv("PATH") + "'");
        }
        return stressNg.orElse(null);
    }

    static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir.isEmpty() ? "." : dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<String> stressNgCommand(Plan plan, Duration lease) {
        List<String> command = new ArrayList<>(List.of(plan.stressNg().toString()));
        if (plan.type().equals("cpu")) {
            command.addAll(List.of("--cpu", Integer.toString(plan.workers()), "--cpu-load", Long.toString(plan.amount())));
        } else {
            command.addAll(List.of("--vm", "1", "--vm-bytes", plan.amount() + "b", "--vm-keep", "--vm-hang", "0"));
        }
        long seconds = Math.max(1, (lease.toMillis() + 999) / 1000);
        command.addAll(List.of("--timeout", seconds + "s", "--quiet"));
        return command;
    }

    private static List<String> burnerCommand(Plan plan, Duration lease) {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx32m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData"));
        if (plan.type().equals("memory")) {
            command.add("-XX:MaxDirectMemorySize=" + (plan.amount() + 64 * MIB));
        }
        command.addAll(List.of("-cp", classpath(), Burner.class.getName(), plan.type(), Long.toString(plan.amount()),
                Long.toString(lease.toMillis())));
        return command;
    }

    private static String classpath() {
        var source = Burner.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null && source.getLocation().getProtocol().equals("file")) {
            try {
                return Path.of(source.getLocation().toURI()).toString();
            } catch (java.net.URISyntaxException | IllegalArgumentException e) {
                // fall back to the whole class path below
            }
        }
        return System.getProperty("java.class.path");
    }

    /**
     * What a stress fault does.
     *
     * @param amount   the CPU percentage, or the bytes to hold
     * @param workers  the cores to burn, for {@code cpu}
     * @param stressNg {@code stress-ng}'s path, or null for the built-in burner
     */
    record Plan(String type, long amount, int workers, Path stressNg, String description) {
    }

    private static final class Stressing implements ActiveFault {

        private final String description;
        private final StressProcess process;

        Stressing(String description, StressProcess process) {
            this.description = description;
            this.process = process;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public void renew(Duration lease) {
            process.renew(lease);
        }

        @Override
        public void revert() {
            process.stop();
        }

        @Override
        public Map<String, String> journal() {
            return Map.of();
        }
    }
}
