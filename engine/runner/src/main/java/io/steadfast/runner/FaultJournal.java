package io.steadfast.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.steadfast.spi.errors.SteadfastException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The faults in effect that cannot revert themselves, one JSON file each in a directory of the
 * data directory, written (and synced) before the runner applies the fault (write-ahead: what reverts
 * it even if it was never applied) and deleted once it is reverted. What is left when an engine starts, by an engine that is no longer running, was left by
 * one that died: the engine reverts it first. Entries of engines still running are theirs. The journal is per machine on purpose: the faults it holds (stopped processes, exec
 * commands) belong to this machine.
 */
public final class FaultJournal {

    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();

    private final Path dir;

    public FaultJournal(Path dir) {
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * A fault applied and not yet reverted.
     *
     * @param type           the fault type, which names the connector that reverts it
     * @param data           what the connector needs to revert it ({@code ActiveFault.journal()})
     * @param ownerPid       the process that applied it (null in entries written before it was recorded)
     * @param ownerStartedAt that process's start, so that a reused PID is not taken for it (null when unknown)
     */
    public record Entry(String id, String service, String type, String description, Instant appliedAt,
                        Map<String, String> data, Long ownerPid, Instant ownerStartedAt) {

        public Entry {
            data = Map.copyOf(data);
        }

        /**
         * Whether the engine that applied the fault still runs: its fault is then its own to revert
         * (it does on every path), and another engine of the machine must leave it alone.
         */
        public boolean ownerAlive() {
            if (ownerPid == null) {
                return false;
            }
            return ProcessHandle.of(ownerPid).filter(ProcessHandle::isAlive)
                    .map(p -> ownerStartedAt == null || p.info().startInstant().map(ownerStartedAt::equals).orElse(true))
                    .orElse(false);
        }
    }

    public Entry add(String service, String type, String description, Instant appliedAt, Map<String, String> data) {
        ProcessHandle self = ProcessHandle.current();
        Entry entry = new Entry(UUID.randomUUID().toString(), service, type, description, appliedAt, data, self.pid(),
                self.info().startInstant().orElse(null));
        write(entry);
        return entry;
    }

    /** The entry with what the applied fault says about itself, written (and synced) in its place. */
    public Entry replace(Entry entry, String description, Map<String, String> data) {
        Entry replaced = new Entry(entry.id(), entry.service(), entry.type(), description, entry.appliedAt(), data,
                entry.ownerPid(), entry.ownerStartedAt());
        write(replaced);
        return replaced;
    }

    private void write(Entry entry) {
        try {
            Files.createDirectories(dir);
            Path temp = dir.resolve(entry.id() + ".tmp");
            Files.write(temp, JSON.writeValueAsBytes(entry));
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, file(entry.id()), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write fault journal entry in " + dir, e);
        }
    }

    public void remove(Entry entry) {
        try {
            Files.deleteIfExists(file(entry.id()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete fault journal entry " + file(entry.id()), e);
        }
    }

    /**
     * Every entry left, oldest first.
     *
     * @throws SteadfastException naming the file when an entry cannot be read (it is left in place)
     */
    public List<Entry> pending() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted().toList()) {
                try {
                    entries.add(JSON.readValue(file.toFile(), Entry.class));
                } catch (JsonProcessingException e) {
                    throw new SteadfastException("fault journal entry '" + file + "' must be readable JSON, but was not: "
                            + e.getOriginalMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fault journal " + dir, e);
        }
        entries.sort(java.util.Comparator.comparing(Entry::appliedAt));
        return entries;
    }

    private Path file(String id) {
        return dir.resolve(id + ".json");
    }
}
