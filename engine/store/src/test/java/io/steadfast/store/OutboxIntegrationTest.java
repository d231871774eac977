package io.steadfast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.scoring.Verdict;
import io.steadfast.spi.result.ResultStatus;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The score announcements' outbox: written in the transaction of its snapshot (a fold's, from its
 * {@code beforeCommit}), read in the order written, deleted once sent. Every test runs on the
 * embedded H2 database and on a real PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class OutboxIntegrationTest {

    private static final Instant T0 = Results.T0;

    @Parameter
    TestDatabase database;

    @TempDir
    Path dataDir;

    private Store store;

    @BeforeEach
    void open() {
        store = database.create(dataDir).open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldWriteAnAnnouncementBesideEachSnapshotWrittenInTheOrderWritten() {
        store.recordSnapshots(List.of(snapshot("checkout", 0, "80.0"), snapshot("billing", 0, "70.0")),
                s -> "{\"service\":\"" + s.service() + "\",\"score\":" + s.score() + "}", T0);
        // unchanged: no snapshot, no announcement
        store.recordSnapshots(List.of(snapshot("checkout", 1, "80.0"), snapshot("billing", 1, "60.0")),
                s -> "{\"service\":\"" + s.service() + "\",\"score\":" + s.score() + "}", T0.plusSeconds(1));

        List<OutboxEntry> outbox = store.outbox(10);

        assertThat(outbox).extracting(OutboxEntry::service).containsExactly("checkout", "billing", "billing");
        assertThat(outbox).extracting(OutboxEntry::payload).containsExactly(
                "{\"service\":\"checkout\",\"score\":80.0}", "{\"service\":\"billing\",\"score\":70.0}",
                "{\"service\":\"billing\",\"score\":60.0}");
        assertThat(outbox).extracting(OutboxEntry::id).isSorted().doesNotHaveDuplicates();
        assertThat(outbox).extracting(OutboxEntry::eventId).doesNotHaveDuplicates().allMatch(id -> !id.isBlank());
        assertThat(outbox.get(2).createdAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(store.outbox(2)).containsExactlyElementsOf(outbox.subList(0, 2));

        store.deleteFromOutbox(List.of(outbox.get(0).id(), outbox.get(1).id()));

        assertThat(store.outbox(10)).containsExactly(outbox.get(2));
        assertThat(store.outboxSize()).isEqualTo(1);
    }

    @Test
    void shouldLeaveNoAnnouncementNorSnapshotWhenTheFoldRollsBackAndOneWhenItIsFoldedAgain() {
        store.ingestResults(List.of(Results.result("r-1", "checkout", "cpu", ResultStatus.PASSED, T0)), T0);

        assertThatThrownBy(() -> store.foldPending(T0, latest -> {
            store.recordSnapshots(List.of(snapshot("checkout", 0, "90.0")), s -> "{}", T0);
            throw new IllegalStateException("the fold fails after its snapshot");
        })).isInstanceOf(IllegalStateException.class);

        assertThat(store.outboxSize()).isZero();
        assertThat(store.history("checkout")).isEmpty();
        assertThat(store.latestCountedResults("checkout")).isEmpty();

        FoldOutcome again = store.foldPending(T0, latest ->
                store.recordSnapshots(List.of(snapshot("checkout", 0, "90.0")), s -> "{}", T0));

        assertThat(again.results()).isEqualTo(1);
        assertThat(store.outbox(10)).singleElement().extracting(OutboxEntry::service).isEqualTo("checkout");
        assertThat(store.history("checkout")).hasSize(1);
    }

    @Test
    void shouldWriteNoAnnouncementWithoutOne() {
        assertThat(store.recordSnapshots(List.of(snapshot("checkout", 0, "80.0")))).hasSize(1);

        assertThat(store.outboxSize()).isZero();
    }

    private static ScoreSnapshot snapshot(String service, int hour, String score) {
        return new ScoreSnapshot(service, T0.plus(Duration.ofHours(hour)), "tier-1", new BigDecimal(score),
                Verdict.PASS, 0.9);
    }
}
