package io.steadfast.store;

import static io.steadfast.spi.result.ResultStatus.PASSED;
import static io.steadfast.store.Results.T0;
import static io.steadfast.store.Results.event;
import static io.steadfast.store.Results.result;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.spi.result.ResultEvent;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A block the fold cannot take in (as older versions let in: a value the database refuses, or a block
 * that does not decode) is set aside with its reason, and the other services' results still count.
 * On the embedded H2 database and on a real PostgreSQL.
 */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class FoldSetAsideIntegrationTest {

    @Parameter
    TestDatabase database;

    private static final Instant RECEIVED = Instant.parse("2026-11-26T12:00:00Z");
    private static final Instant LATER = RECEIVED.plusSeconds(60);

    @TempDir
    Path dataDir;

    private PostgresServer.Target target;
    private Store store;

    @BeforeEach
    void open() {
        target = database.create(dataDir);
        store = target.open();
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> latestIds(String service) {
        return store.latestCountedResults(service).stream().map(ResultEvent::resultId).toList();
    }

    private static ResultEvent inEnvironment(String id, String service, String environment) {
        return event(id, service, "cpu", "", PASSED, T0, "steadfast-runner", environment, "1.0.0");
    }

    @Test
    void shouldSetAsideABlockTheDatabaseRefusesAndFoldTheOtherServices() {
        store.ingestResults(List.of(inEnvironment("bad", "checkout", "e".repeat(201)),
                result("good", "ledger", "cpu", PASSED, T0)), RECEIVED);

        List<Map<String, List<ResultEvent>>> seen = new ArrayList<>();
        FoldOutcome outcome = store.foldPending(LATER, seen::add);

        assertThat(outcome.results()).isEqualTo(1);
        assertThat(outcome.setAside()).singleElement().satisfies(block -> {
            assertThat(block.service()).isEqualTo("checkout");
            assertThat(block.results()).isEqualTo(1);
            assertThat(block.receivedAt()).isEqualTo(RECEIVED);
            assertThat(block.setAsideAt()).isEqualTo(LATER);
            assertThat(block.reason()).isNotBlank();
        });
        assertThat(seen).containsExactly(Map.of("ledger", store.latestCountedResults("ledger")));
        assertThat(latestIds("ledger")).containsExactly("good");
        assertThat(latestIds("checkout")).isEmpty();
        assertThat(store.foldLag()).isZero();
        assertThat(store.setAsideBlocks()).isEqualTo(outcome.setAside());
        assertThat(store.setAsideCount()).isEqualTo(1);
        assertThat(store.result("bad")).as("still stored, and shown").isPresent();
        assertThat(store.foldedResult("bad")).as("but not counted").isEmpty();
        assertThat(store.foldedResult("good")).isPresent();
    }

    @Test
    void shouldSetAsideABlockHoldingANulOnPostgresqlWhichRefusesIt() {
        store.ingestResults(List.of(inEnvironment("nul", "checkout", "prod\u0000"),
                result("good", "ledger", "cpu", PASSED, T0)), RECEIVED);

        FoldOutcome outcome = store.foldPending(LATER, latest -> { });

        boolean refused = database == TestDatabase.POSTGRESQL; // H2 keeps U+0000 like any character
        assertThat(outcome.setAside()).extracting(SetAsideBlock::service)
                .containsExactlyElementsOf(refused ? List.of("checkout") : List.of());
        assertThat(latestIds("ledger")).containsExactly("good");
        assertThat(latestIds("checkout")).containsExactlyElementsOf(refused ? List.of() : List.of("nul"));
    }

    @Test
    void shouldSetAsideABlockThatDoesNotDecodeAndKeepFoldingLaterBlocks() throws Exception {
        store.ingestResults(List.of(result("c1", "checkout", "cpu", PASSED, T0),
                result("l1", "ledger", "cpu", PASSED, T0)), RECEIVED);
        try (Connection c = target.connect();
             PreparedStatement s = c.prepareStatement("UPDATE result_blocks SET results = ? WHERE service = ?")) {
            s.setBytes(1, new byte[] {1, 2, 3, 4, 5, 6, 7});
            s.setString(2, "checkout");
            assertThat(s.executeUpdate()).isEqualTo(1);
            if (!c.getAutoCommit()) {
                c.commit();
            }
        }

        FoldOutcome first = store.foldPending(LATER, latest -> { });
        store.ingestResults(List.of(result("c2", "checkout", "cpu", PASSED, T0.plusSeconds(1)),
                result("l2", "ledger", "cpu", PASSED, T0.plusSeconds(1))), LATER);
        FoldOutcome second = store.foldPending(LATER, latest -> { });

        assertThat(first.setAside()).singleElement().satisfies(b -> assertThat(b.reason()).contains("result block"));
        assertThat(second.setAside()).isEmpty();
        assertThat(second.results()).isEqualTo(2);
        assertThat(latestIds("checkout")).containsExactly("c2");
        assertThat(store.foldedResult("c2")).isPresent();
        assertThat(latestIds("ledger")).containsExactly("l2");
    }

    @Test
    void shouldReplayASetAsideBlockOnceTheResultItStoppedAtIsRetracted() {
        store.ingestResults(List.of(inEnvironment("bad", "checkout", "e".repeat(201)),
                result("fine", "checkout", "memory", PASSED, T0)), RECEIVED);
        store.ingestResults(List.of(result("later", "ledger", "cpu", PASSED, T0)), LATER);
        long block = store.foldPending(LATER, latest -> { }).setAside().get(0).block();

        assertThatThrownBy(() -> store.replaySetAside(block, latest -> { })).isInstanceOf(StoreException.class);
        assertThat(store.setAsideBlocks()).extracting(SetAsideBlock::block).containsExactly(block);
        assertThat(store.oldestUncounted(List.of())).contains(RECEIVED);
        assertThat(store.oldestUncounted(List.of("ledger"))).isEmpty();

        store.retract("bad", "its environment is not one we run in", "alice", LATER);
        List<Map<String, List<ResultEvent>>> seen = new ArrayList<>();
        assertThat(store.replaySetAside(block, seen::add)).contains(2L);

        assertThat(latestIds("checkout")).containsExactly("fine");
        assertThat(store.foldedResult("fine")).isPresent();
        assertThat(seen).containsExactly(Map.of("checkout", store.latestCountedResults("checkout")));
        assertThat(store.setAsideBlocks()).isEmpty();
        assertThat(store.oldestUncounted(List.of())).isEmpty();
        assertThat(store.replaySetAside(block, latest -> { })).as("no longer set aside").isEmpty();
    }

    @Test
    void shouldSetNothingAsideWhenRecordingTheScoresFails() {
        store.ingestResults(List.of(result("r1", "checkout", "cpu", PASSED, T0)), RECEIVED);

        assertThatThrownBy(() -> store.foldPending(LATER, latest -> {
            throw new IllegalStateException("recording the scores failed");
        })).hasMessageContaining("recording the scores failed");

        assertThat(store.setAsideCount()).isZero();
        assertThat(store.foldLag()).isEqualTo(1);
        assertThat(store.oldestUncounted(List.of())).contains(RECEIVED);
    }
}
