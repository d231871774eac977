package io.steadfast.spi.fault;

import java.util.Map;

/**
 * Applies and reverts faults of the types its provider names. Safe to call from several threads;
 * the runner never applies two faults to one service at once.
 */
public interface FaultInjector {

    /**
     * Checks, changing nothing, that the fault can be applied to the request's target (the proxy
     * answers, the process is alive and is the one registered), and says what {@link #inject}
     * would do. The runner calls it before every test and for {@code --dry-run}.
     *
     * @throws FaultException when the fault cannot be applied, saying why
     */
    String plan(FaultRequest request);

    /**
     * Applies the fault and returns once it is in effect.
     *
     * @throws FaultException when it could not be applied; whatever was partly applied has been
     *                        reverted before it is thrown
     */
    ActiveFault inject(FaultRequest request);

    /**
     * What {@link #revert(Map)} needs to undo {@link #inject} of this request, known before it is
     * applied: the runner writes it to the fault journal (synced) before it injects, so that an
     * engine killed between the two leaves nothing unreverted. {@link #revert(Map)} given it must be
     * safe when the fault was applied in part or not at all. Empty (the default) when the fault
     * reverts by itself once its lease runs out; the runner then journals {@link ActiveFault#journal()}
     * once the fault is applied.
     *
     * @throws FaultException when the fault cannot be applied, saying why
     */
    default Map<String, String> intent(FaultRequest request) {
        return Map.of();
    }

    /**
     * Reverts a fault that an engine applied and could not revert because it died: {@code journal}
     * is what {@link ActiveFault#journal()} returned then. Reverting a fault that is already gone is
     * no error.
     *
     * @throws FaultException when the fault is still in effect and cannot be reverted
     */
    void revert(Map<String, String> journal);

    /**
     * Whether its faults stop or signal processes or run commands with the engine's rights. The
     * runner applies such faults only to services an admin registered from a file, never to one
     * registered over the API (DESIGN §8). Default: false.
     */
    default boolean controlsProcesses() {
        return false;
    }
}
