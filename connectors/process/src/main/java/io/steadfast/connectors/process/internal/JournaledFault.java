package io.steadfast.connectors.process.internal;

import io.steadfast.spi.fault.ActiveFault;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A fault that stays until it is reverted: its journal, not a lease, takes it back, by the injector's
 * revert from that journal (in this engine or the next one to start). Reverts once; thread-safe.
 */
public final class JournaledFault implements ActiveFault {

    private final String description;
    private final Map<String, String> journal;
    private final Consumer<Map<String, String>> revert;
    private boolean reverted;

    public JournaledFault(String description, Map<String, String> journal, Consumer<Map<String, String>> revert) {
        this.description = description;
        this.journal = Map.copyOf(journal);
        this.revert = revert;
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public void renew(Duration lease) {
        // Nothing expires: a lease would not bring back a stopped process or undo a command.
    }

    @Override
    public synchronized void revert() {
        if (!reverted) {
            revert.accept(journal);
            reverted = true;
        }
    }

    @Override
    public Map<String, String> journal() {
        return journal;
    }
}
