package io.steadfast.connectors.process.config;

import io.steadfast.connectors.process.internal.Proc;
import io.steadfast.spi.errors.SteadfastException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The process connector's settings, read from the flat map a provider is given; other keys are
 * ignored.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th></tr>
 *   <tr><td>{@code process.commandTimeoutSeconds}</td><td>60: how long an exec command or an
 *       instance's stop or start command may run before it is killed and the fault fails</td></tr>
 *   <tr><td>{@code stress.engine}</td><td>{@code auto}: {@code stress-ng} when it is on the
 *       {@code PATH}, else {@code builtin} (a child JVM); or either one by name</td></tr>
 *   <tr><td>{@code stress.cpuCeilingPercent}</td><td>90: no CPU stage burns more of the host's CPU</td></tr>
 *   <tr><td>{@code stress.memoryCeilingMb}</td><td>half the host's {@code MemTotal}: no memory stage
 *       holds more</td></tr>
 * </table>
 */
public record ProcessSettings(Duration commandTimeout, StressEngine stressEngine, int cpuCeilingPercent,
                              long memoryCeilingBytes) {

    public static final String COMMAND_TIMEOUT_SECONDS = "process.commandTimeoutSeconds";
    public static final String STRESS_ENGINE = "stress.engine";
    public static final String CPU_CEILING_PERCENT = "stress.cpuCeilingPercent";
    public static final String MEMORY_CEILING_MB = "stress.memoryCeilingMb";

    private static final long MIB = 1024 * 1024;

    /** Which program applies CPU and memory pressure. */
    public enum StressEngine {
        /** {@code stress-ng} when on the {@code PATH}, else {@link #BUILTIN}. */
        AUTO,
        /** {@code stress-ng}, which must be on the {@code PATH}. */
        STRESS_NG,
        /** A child JVM running this module's burner. */
        BUILTIN
    }

    public ProcessSettings {
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        Objects.requireNonNull(stressEngine, "stressEngine");
    }

    /** The settings of a flat map; every invalid setting is reported at once. */
    public static ProcessSettings from(Map<String, String> config) {
        List<String> problems = new ArrayList<>();
        long timeout = number(config, COMMAND_TIMEOUT_SECONDS, 60, 1, Integer.MAX_VALUE, problems);
        StressEngine engine = engine(config.get(STRESS_ENGINE), problems);
        long cpuCeiling = number(config, CPU_CEILING_PERCENT, 90, 1, 100, problems);
        long memoryCeilingMb = config.containsKey(MEMORY_CEILING_MB)
                ? number(config, MEMORY_CEILING_MB, 0, 1, Long.MAX_VALUE / MIB, problems)
                : Proc.memTotalBytes() / 2 / MIB;
        if (!problems.isEmpty()) {
            throw new SteadfastException(String.join("; ", problems));
        }
        return new ProcessSettings(Duration.ofSeconds(timeout), engine, (int) cpuCeiling, memoryCeilingMb * MIB);
    }

    private static long number(Map<String, String> config, String key, long otherwise, long min, long max,
                               List<String> problems) {
        String value = config.get(key);
        if (value == null) {
            return otherwise;
        }
        try {
            long parsed = Long.parseLong(value.trim());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // reported below, in the formula every bad setting uses
        }
        problems.add("setting '" + key + "' must be a whole number from " + min + " to " + max + ", but was '"
                + value + "'");
        return otherwise;
    }

    private static StressEngine engine(String value, List<String> problems) {
        if (value == null) {
            return StressEngine.AUTO;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "auto" -> StressEngine.AUTO;
            case "stress-ng" -> StressEngine.STRESS_NG;
            case "builtin" -> StressEngine.BUILTIN;
            default -> {
                problems.add("setting '" + STRESS_ENGINE + "' must be one of auto, stress-ng, builtin, but was '"
                        + value + "'");
                yield StressEngine.AUTO;
            }
        };
    }
}
