package io.steadfast.spi.fault;

import java.time.Duration;
import java.util.Map;

/** A fault in effect. */
public interface ActiveFault {

    /** What is applied, for a person: {@code +100 ms on inventory through 127.0.0.1:19001}. */
    String description();

    /**
     * Keeps the fault for {@code lease} from now. Injectors that revert by themselves when a lease
     * runs out unrenewed (the proxy, stress processes) need it; the others ignore it.
     *
     * @throws FaultException when the fault is no longer in effect
     */
    void renew(Duration lease);

    /**
     * Reverts the fault and returns once it is gone. Calling it again does nothing.
     *
     * @throws FaultException when it could not be reverted; the runner keeps the journal entry
     */
    void revert();

    /**
     * What a later engine needs to revert this fault if this one dies first, given back to
     * {@link FaultInjector#revert}; empty when the fault reverts by itself once its lease runs out.
     */
    Map<String, String> journal();
}
