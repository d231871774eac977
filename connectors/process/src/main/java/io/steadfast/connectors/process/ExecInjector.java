package io.steadfast.connectors.process;

import io.steadfast.connectors.process.config.ProcessSettings;
import io.steadfast.connectors.process.internal.JournaledFault;
import io.steadfast.connectors.process.internal.Shell;
import io.steadfast.spi.fault.ActiveFault;
import io.steadfast.spi.fault.FaultException;
import io.steadfast.spi.fault.FaultInjector;
import io.steadfast.spi.fault.FaultRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Applies an {@code exec} fault: runs the fault's {@code inject} command with {@code sh -c}, and its
 * {@code revert} command the same way to take it back.
 *
 * <p>These commands run with the engine's rights, so they are accepted only from suite files an
 * admin loads, never from the API. Each runs with {@code STEADFAST_SERVICE} (the service id),
 * {@code STEADFAST_TARGET} (the dependency id, or empty) and {@code STEADFAST_STAGE} (the stage's
 * percentage, or empty) added to the engine's environment, and must exit 0 within
 * {@link ProcessSettings#commandTimeout()} (else it is killed). A failed inject command is followed
 * by the revert command, since it may have done part of its work.
 *
 * <p>The fault does not revert by itself: the journal holds the revert command and its environment,
 * and {@link #revert(Map)} runs it from any injector in any engine. Stateless and safe for several
 * threads.
 */
public final class ExecInjector implements FaultInjector {

    static final String REVERT = "revert";
    static final String ENV_PREFIX = "env.";

    private final ProcessSettings settings;

    public ExecInjector(ProcessSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Always: it {@linkplain FaultInjector#controlsProcesses() controls processes}. */
    @Override
    public boolean controlsProcesses() {
        return true;
    }

    @Override
    public String plan(FaultRequest request) {
        check(request);
        return "run '" + request.fault().inject() + "' for service '" + request.service().id() + "', then '"
                + request.fault().revert() + "' to revert";
    }

    @Override
    public ActiveFault inject(FaultRequest request) {
        String description = plan(request);
        Map<String, String> env = env(request);
        Map<String, String> journal = new LinkedHashMap<>();
        journal.put(REVERT, request.fault().revert());
        env.forEach((key, value) -> journal.put(ENV_PREFIX + key, value));
        try {
            run("inject", request.fault().inject(), env);
        } catch (RuntimeException e) {
            try {
                revert(journal);
            } catch (RuntimeException revertFailure) {
                e.addSuppressed(revertFailure);
            }
            throw e;
        }
        return new JournaledFault(description, journal, this::revert);
    }

    @Override
    public void revert(Map<String, String> journal) {
        String command = journal.get(REVERT);
        if (command == null || command.isBlank()) {
            throw new FaultException("journal entry '" + REVERT + "' must be present, but was missing in " + journal);
        }
        Map<String, String> env = new LinkedHashMap<>();
        journal.forEach((key, value) -> {
            if (key.startsWith(ENV_PREFIX)) {
                env.put(key.substring(ENV_PREFIX.length()), value);
            }
        });
        run("revert", command, env);
    }

    private static void check(FaultRequest request) {
        if (!ExecInjectorProvider.TYPES.contains(request.fault().type())) {
            throw new FaultException("fault type must be 'exec', but was '" + request.fault().type() + "'");
        }
        if (request.fault().inject() == null || request.fault().inject().isBlank()
                || request.fault().revert() == null || request.fault().revert().isBlank()) {
            throw new FaultException("exec fault on service '" + request.service().id()
                    + "' must have inject and revert commands, but had inject '" + request.fault().inject()
                    + "' and revert '" + request.fault().revert() + "'");
        }
    }

    private static Map<String, String> env(FaultRequest request) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("STEADFAST_SERVICE", request.service().id());
        env.put("STEADFAST_TARGET", request.dependency() == null ? "" : request.dependency().id());
        env.put("STEADFAST_STAGE", request.stage() == null ? "" : request.stage().toString());
        return env;
    }

    private void run(String which, String command, Map<String, String> env) {
        Duration timeout = settings.commandTimeout();
        Shell.Result result = Shell.sh(command, env, timeout);
        if (result.exitCode() != 0) {
            throw new FaultException("exec " + which + " command '" + command + "' must exit 0, but exited "
                    + result.exitCode() + "; stderr: " + result.stderrTail());
        }
    }
}
