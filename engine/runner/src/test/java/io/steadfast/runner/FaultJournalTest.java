package io.steadfast.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.spi.errors.SteadfastException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FaultJournalTest {

    @TempDir
    Path dir;

    @Test
    void shouldKeepEntriesUntilRemovedAcrossInstances() {
        FaultJournal journal = new FaultJournal(dir.resolve("faults"));
        FaultJournal.Entry second = journal.add("checkout", "exec", "exec b", Instant.parse("2026-11-26T10:00:02Z"),
                Map.of("revert", "b"));
        FaultJournal.Entry first = journal.add("checkout", "instance-stop", "stop checkout-1",
                Instant.parse("2026-11-26T10:00:01Z"), Map.of("pid", "42", "startTime", "1234"));

        assertThat(new FaultJournal(dir.resolve("faults")).pending()).containsExactly(first, second);

        journal.remove(first);

        assertThat(new FaultJournal(dir.resolve("faults")).pending()).containsExactly(second);
    }

    @Test
    void shouldKnowWhetherTheEngineThatAppliedAFaultStillRuns() throws Exception {
        FaultJournal.Entry mine = new FaultJournal(dir).add("checkout", "exec", "exec a", Instant.now(), Map.of());
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();

        assertThat(mine.ownerPid()).isEqualTo(ProcessHandle.current().pid());
        assertThat(mine.ownerAlive()).isTrue();
        assertThat(new FaultJournal.Entry("b", "checkout", "exec", "exec b", Instant.now(), Map.of(), exited.pid(),
                null).ownerAlive()).as("applied by a process that exited").isFalse();
        assertThat(new FaultJournal.Entry("c", "checkout", "exec", "exec c", Instant.now(), Map.of(),
                ProcessHandle.current().pid(), Instant.parse("2000-01-01T00:00:00Z")).ownerAlive())
                .as("a PID now used by another process").isFalse();
        assertThat(new FaultJournal.Entry("d", "checkout", "exec", "exec d", Instant.now(), Map.of(), null, null)
                .ownerAlive()).as("written before owners were recorded").isFalse();
    }

    @Test
    void shouldBeEmptyWhenNothingWasEverJournaled() {
        assertThat(new FaultJournal(dir.resolve("none")).pending()).isEmpty();
    }

    @Test
    void shouldNameAnEntryThatCannotBeRead() throws IOException {
        Files.writeString(dir.resolve("broken.json"), "{not json");

        assertThatThrownBy(() -> new FaultJournal(dir).pending()).isInstanceOf(SteadfastException.class)
                .hasMessageStartingWith("fault journal entry '" + dir.resolve("broken.json") + "' must be readable JSON");
        assertThat(dir.resolve("broken.json")).exists();
    }
}
