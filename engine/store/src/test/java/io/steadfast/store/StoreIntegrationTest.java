package io.steadfast.store;

import static io.steadfast.store.Results.T0;
import static io.steadfast.store.Results.event;
import static io.steadfast.store.Results.result;
import static io.steadfast.spi.result.ResultStatus.DEGRADED;
import static io.steadfast.spi.result.ResultStatus.ERROR;
import static io.steadfast.spi.result.ResultStatus.FAILED;
import static io.steadfast.spi.result.ResultStatus.PASSED;
import static io.steadfast.spi.result.ResultStatus.SKIPPED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.spi.result.ResultEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** Every test runs on the embedded H2 database and on a real PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class StoreIntegrationTest {

    @Parameter
    TestDatabase database;

    private static final Instant RECEIVED = Instant.parse("2026-11-26T12:00:00Z");

    @TempDir
    Path dataDir;

    private PostgresServer.Target target;
    private Store store;

    @BeforeEach
    void open() {
        target = database.create(dataDir);
        store = Store.open(target.url(), target.user(), target.password(), new SplittableRandom(42));
    }

    @AfterEach
    void close() {
        store.close();
    }

    private List<String> latestIds(String service) {
        return store.latestCountedResults(service).stream().map(ResultEvent::resultId).toList();
    }

    // ---- results

    @Test
    void shouldStoreAndReadBackResultsExactly() {
        ResultEvent r = result("r1", "checkout", "cpu", PASSED, T0.plusNanos(123_456_789));

        IngestOutcome outcome = store.storeResults(List.of(r), RECEIVED);

        assertThat(outcome).isEqualTo(new IngestOutcome(1, 0, List.of()));
        assertThat(store.result("r1")).contains(r);
        assertThat(store.results("checkout")).containsExactly(r);
        assertThat(store.result("missing")).isEmpty();
        assertThat(store.latestCountedResults("checkout")).containsExactly(r);
    }

    @Test
    void shouldReadBackMinimalResultExactlyFromLatest() {
        ResultEvent minimal = new ResultEvent(1, "m1", "checkout", "recommended", "host", null, PASSED, null,
                T0.plusNanos(7), null, null, null, null, null, null);

        store.storeResults(List.of(minimal), RECEIVED);

        assertThat(store.latestCountedResults("checkout")).containsExactly(minimal);
        assertThat(store.result("m1")).contains(minimal);
    }

    @Test
    void shouldTellAbsentFromEmptyOptionalFieldsInLatest() {
        ResultEvent absent = event("absent", "checkout", "host", "", PASSED, T0, null, null, null);
        ResultEvent empty = event("empty", "checkout", "memory", "", PASSED, T0, "", "", "");

        store.storeResults(List.of(absent, empty), RECEIVED);

        assertThat(store.latestCountedResults("checkout")).containsExactly(absent, empty);
    }

    @Test
    void shouldCountAbsentAndEmptyOptionalFieldsAsOneGroup() {
        ResultEvent absent = event("absent", "checkout", "host", "", PASSED, T0, null, null, null);
        ResultEvent empty = event("empty", "checkout", "host", "", FAILED, T0.plusSeconds(1), "", "", "");

        store.storeResults(List.of(absent), RECEIVED);
        store.storeResults(List.of(empty), RECEIVED);

        assertThat(store.latestCountedResults("checkout")).containsExactly(empty);
    }

    @Test
    void shouldReadLatestOfAFewServicesAcrossQueryChunks() {
        storeTwoResultsForEachOf(100);
        for (int i = 0; i < 100; i++) {
            store.registerService(new ServiceDefinition("svc-" + i, null, "team", "tier-2", null, null, null, null,
                    null, null), null, ServiceOrigin.FILE);
        }
        List<String> requested = new java.util.ArrayList<>();
        for (int i = 39; i >= 0; i--) {
            requested.add("svc-" + i);
        }
        requested.add("svc-none");

        Map<String, List<ResultEvent>> some = store.latestCountedResults(requested);

        assertThat(some).hasSize(41).containsKeys("svc-0", "svc-39").doesNotContainKey("svc-40");
        assertThat(some.get("svc-none")).isEmpty();
        assertThat(some.get("svc-31")).extracting(ResultEvent::resultId).containsExactly("c31", "m31");
        assertThat(some.get("svc-32")).extracting(ResultEvent::resultId).containsExactly("c32", "m32");
        assertThat(some.values().stream().mapToInt(List::size).sum()).isEqualTo(80);
    }

    @Test
    void shouldReadLatestOfManyServicesByScanningAcrossPages() {
        int services = 10_050; // 20,100 rows: more than one scan page
        storeTwoResultsForEachOf(services);

        Map<String, List<ResultEvent>> all = store.latestCountedResults(List.of());
        Map<String, List<ResultEvent>> most = store.latestCountedResults(List.of("svc-0", "svc-10049", "svc-none"));

        assertThat(all).hasSize(services).doesNotContainKey("svc-none");
        assertThat(all.values().stream().mapToInt(List::size).sum()).isEqualTo(2 * services);
        assertThat(all.get("svc-10049")).extracting(ResultEvent::resultId).containsExactly("c10049", "m10049");
        assertThat(most).containsOnlyKeys("svc-0", "svc-10049", "svc-none");
        assertThat(most.get("svc-0")).isEqualTo(all.get("svc-0"));
        assertThat(most.get("svc-none")).isEmpty();
    }

    /** The consumer's calls, in order: service id and the result ids it was handed. */
    private Map<String, List<String>> streamLatest(List<String> services) {
        Map<String, List<String>> calls = new java.util.LinkedHashMap<>();
        store.forEachServiceLatest(services, (service, results) -> {
            List<String> earlier = calls.put(service, results.stream().map(ResultEvent::resultId).toList());
            assertThat(earlier).as("service '%s' handed over twice", service).isNull();
        });
        return calls;
    }

    @Test
    void shouldStreamEachServiceWholeInKeyOrderAcrossPages() {
        int page = io.steadfast.store.internal.ResultDao.LatestScan.PAGE;
        int services = page + 40;
        List<ResultEvent> batch = new java.util.ArrayList<>();
        for (int i = 0; i < services; i++) {
            String service = String.format("svc-%05d", i);
            batch.add(result("c" + i, service, "cpu", PASSED, T0.plusSeconds(i)));
            // same test instance from two sources: key order (source a, b) is not result order (b is older)
            batch.add(event("z" + i, service, "zone", "eu-1", FAILED, T0.plusSeconds(60), "a", "prod", "1"));
            batch.add(event("y" + i, service, "zone", "eu-1", PASSED, T0.plusSeconds(30), "b", "prod", "1"));
        }
        for (int from = 0; from < batch.size(); from += 3_000) {
            store.storeResults(batch.subList(from, Math.min(batch.size(), from + 3_000)), RECEIVED);
        }

        Map<String, List<String>> calls = streamLatest(List.of());

        assertThat(calls).hasSize(services);
        assertThat(List.copyOf(calls.keySet())).isSorted();
        for (int last : List.of(page - 1, page)) { // the first page's last service, the next page's first
            assertThat(calls.get(String.format("svc-%05d", last))).containsExactly("c" + last, "y" + last, "z" + last);
        }
        assertThat(calls).allSatisfy((service, ids) -> assertThat(ids).hasSize(3));
        assertThat(store.latestCountedResults(List.of()).get("svc-00000")).extracting(ResultEvent::resultId)
                .containsExactly(calls.get("svc-00000").toArray(String[]::new));
    }

    @Test
    void shouldStreamRequestedServicesWithRowsThenThoseWithoutRows() {
        for (String id : List.of("alpha", "beta", "delta", "gamma", "omega", "sigma", "tau")) {
            store.registerService(new ServiceDefinition(id, null, "team", "tier-2", null, null, null, null, null,
                    null), null, ServiceOrigin.FILE);
        }
        store.storeResults(List.of(
                result("a1", "alpha", "cpu", PASSED, T0),
                result("b2", "beta", "memory", PASSED, T0),
                result("b1", "beta", "cpu", FAILED, T0),
                result("t1", "tau", "cpu", PASSED, T0),
                result("u1", "unregistered", "cpu", PASSED, T0)), RECEIVED);

        // a few of the registered services: looked up
        assertThat(streamLatest(List.of("tau", "gamma", "beta")))
                .containsExactly(Map.entry("beta", List.of("b1", "b2")), Map.entry("tau", List.of("t1")),
                        Map.entry("gamma", List.of()));
        // most of them: one scan, filtered
        assertThat(streamLatest(List.of("tau", "omega", "gamma", "beta", "alpha")))
                .containsExactly(Map.entry("alpha", List.of("a1")), Map.entry("beta", List.of("b1", "b2")),
                        Map.entry("tau", List.of("t1")), Map.entry("gamma", List.of()),
                        Map.entry("omega", List.of()));
        // all that have rows, registered or not
        assertThat(streamLatest(List.of()).keySet()).containsExactly("alpha", "beta", "tau", "unregistered");
    }

    @Test
    void shouldStreamNothingFromAnEmptyStore() {
        assertThat(streamLatest(List.of())).isEmpty();
        assertThat(streamLatest(List.of("ghost"))).containsExactly(Map.entry("ghost", List.of()));
    }

    private void storeTwoResultsForEachOf(int services) {
        List<ResultEvent> batch = new java.util.ArrayList<>();
        for (int i = 0; i < services; i++) {
            batch.add(result("c" + i, "svc-" + i, "cpu", PASSED, T0.plusSeconds(i)));
            batch.add(result("m" + i, "svc-" + i, "memory", FAILED, T0.plusSeconds(i)));
            if (batch.size() >= 3_000) {
                store.storeResults(batch, RECEIVED);
                batch.clear();
            }
        }
        store.storeResults(batch, RECEIVED);
    }

    @Test
    void shouldStoreDuplicateOnceAsNoOp() {
        ResultEvent r = result("r1", "checkout", "cpu", PASSED, T0);
        store.storeResults(List.of(r), RECEIVED);

        IngestOutcome again = store.storeResults(List.of(r, r), RECEIVED.plusSeconds(1));

        assertThat(again).isEqualTo(new IngestOutcome(0, 2, List.of()));
        assertThat(store.results("checkout")).containsExactly(r);
    }

    @Test
    void shouldReportConflictAndStoreRestOfBatch() {
        ResultEvent original = result("r1", "checkout", "cpu", PASSED, T0);
        store.storeResults(List.of(original), RECEIVED);
        ResultEvent changed = result("r1", "checkout", "cpu", FAILED, T0);
        ResultEvent other = result("r2", "checkout", "memory", PASSED, T0);

        IngestOutcome outcome = store.storeResults(List.of(changed, other), RECEIVED);

        assertThat(outcome.stored()).isEqualTo(1);
        assertThat(outcome.duplicates()).isZero();
        assertThat(outcome.conflicts()).singleElement().satisfies(c -> {
            assertThat(c.resultId()).isEqualTo("r1");
            assertThat(c.reason()).contains("'r1'").contains("differs");
        });
        assertThat(store.result("r1")).contains(original);
        assertThat(store.result("r2")).contains(other);
    }

    @Test
    void shouldSeeResultsAnotherStoreOnTheSameDatabaseStoredSinceItLastLooked() {
        ResultEvent first = result("r1", "checkout", "cpu", PASSED, T0);
        store.storeResults(List.of(first), RECEIVED); // this store's index now reaches the first block
        ResultEvent second = result("r2", "payments", "cpu", PASSED, T0);
        try (Store other = target.open()) {
            assertThat(other.storeResults(List.of(second, first), RECEIVED).duplicates()).isEqualTo(1);
        }

        IngestOutcome outcome = store.storeResults(List.of(second, result("r2", "payments", "cpu", FAILED, T0),
                result("r3", "payments", "memory", PASSED, T0)), RECEIVED);

        assertThat(outcome.stored()).isEqualTo(1);
        assertThat(outcome.duplicates()).isEqualTo(1);
        assertThat(outcome.conflicts()).extracting(IngestOutcome.Conflict::resultId).containsExactly("r2");
        assertThat(store.result("r2")).contains(second);
        assertThat(store.results("payments")).extracting(ResultEvent::resultId).containsExactly("r2", "r3");
        assertThat(store.resultCount("payments")).isEqualTo(2);
    }

    @Test
    void shouldReportConflictWithinOneBatch() {
        ResultEvent first = result("r1", "checkout", "cpu", PASSED, T0);
        ResultEvent second = result("r1", "checkout", "cpu", FAILED, T0);

        IngestOutcome outcome = store.storeResults(List.of(first, second), RECEIVED);

        assertThat(outcome.stored()).isEqualTo(1);
        assertThat(outcome.conflicts()).extracting(IngestOutcome.Conflict::resultId).containsExactly("r1");
        assertThat(store.result("r1")).contains(first);
    }

    @Test
    void shouldStoreNothingOfBatchWhenOneRowFails() {
        ResultEvent good = result("r1", "checkout", "cpu", PASSED, T0);
        ResultEvent tooLong = result("r2", "x".repeat(300), "cpu", PASSED, T0);
        ResultEvent alsoGood = result("r3", "checkout", "memory", PASSED, T0);

        assertThatThrownBy(() -> store.storeResults(List.of(good, tooLong, alsoGood), RECEIVED))
                .isInstanceOf(StoreException.class)
                .isNotInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("storing 3 result(s) failed");

        assertThat(store.result("r1")).isEmpty();
        assertThat(store.result("r3")).isEmpty();
        assertThat(store.latestCountedResults("checkout")).isEmpty();
        assertThat(store.storeResults(List.of(good, alsoGood), RECEIVED).stored()).isEqualTo(2);
    }

    @Test
    void shouldReturnAllResultsOfServiceIncludingUncountedAndRetracted() {
        store.storeResults(List.of(
                result("r2", "checkout", "cpu", ERROR, T0.plusSeconds(20)),
                result("r1", "checkout", "cpu", PASSED, T0.plusSeconds(10)),
                result("r3", "checkout", "cpu", SKIPPED, T0.plusSeconds(30)),
                result("x1", "inventory", "cpu", PASSED, T0)), RECEIVED);
        store.retract("r1", "wrong host", "alice", RECEIVED);

        assertThat(store.results("checkout")).extracting(ResultEvent::resultId).containsExactly("r1", "r2", "r3");
        assertThat(store.retractedIds("checkout")).containsExactly("r1");
        assertThat(store.retractedIds("inventory")).isEmpty();
    }

    @Test
    void shouldCountEachServicesResultsAndAllRetractions() {
        store.storeResults(List.of(
                result("r1", "checkout", "cpu", PASSED, T0),
                result("r2", "checkout", "cpu", ERROR, T0.plusSeconds(10)),
                result("x1", "inventory", "cpu", PASSED, T0)), RECEIVED);
        assertThat(store.retractionCount()).isZero();

        store.retract("r1", "wrong host", "alice", RECEIVED);
        store.retract("x1", "wrong host", "alice", RECEIVED);

        assertThat(store.resultCount("checkout")).isEqualTo(2);
        assertThat(store.resultCount("inventory")).isEqualTo(1);
        assertThat(store.resultCount("unknown")).isZero();
        assertThat(store.retractionCount()).isEqualTo(2);
    }

    // ---- latest counted

    @Test
    void shouldReplaceLatestWithNewerResult() {
        store.storeResults(List.of(result("old", "checkout", "cpu", FAILED, T0)), RECEIVED);
        store.storeResults(List.of(result("new", "checkout", "cpu", PASSED, T0.plusSeconds(60))), RECEIVED);

        assertThat(latestIds("checkout")).containsExactly("new");
    }

    @Test
    void shouldKeepLatestWhenOlderResultArrives() {
        store.storeResults(List.of(result("new", "checkout", "cpu", PASSED, T0.plusSeconds(60))), RECEIVED);
        store.storeResults(List.of(result("old", "checkout", "cpu", FAILED, T0)), RECEIVED);

        assertThat(latestIds("checkout")).containsExactly("new");
    }

    @Test
    void shouldBreakFinishedAtTiesByResultId() {
        store.storeResults(List.of(result("b", "checkout", "cpu", PASSED, T0)), RECEIVED);
        store.storeResults(List.of(result("a", "checkout", "cpu", FAILED, T0)), RECEIVED);
        store.storeResults(List.of(result("c", "checkout", "cpu", DEGRADED, T0)), RECEIVED);

        assertThat(latestIds("checkout")).containsExactly("c");
    }

    @Test
    void shouldPickNewestWithinOneBatch() {
        store.storeResults(List.of(
                result("mid", "checkout", "cpu", PASSED, T0.plusSeconds(30)),
                result("newest", "checkout", "cpu", FAILED, T0.plusSeconds(60)),
                result("oldest", "checkout", "cpu", PASSED, T0)), RECEIVED);

        assertThat(latestIds("checkout")).containsExactly("newest");
    }

    @Test
    void shouldNeverCountErrorOrSkipped() {
        store.storeResults(List.of(result("counted", "checkout", "cpu", FAILED, T0)), RECEIVED);
        store.storeResults(List.of(
                result("error", "checkout", "cpu", ERROR, T0.plusSeconds(60)),
                result("skipped", "checkout", "cpu", SKIPPED, T0.plusSeconds(120)),
                result("only-error", "checkout", "memory", ERROR, T0.plusSeconds(60))), RECEIVED);

        assertThat(latestIds("checkout")).containsExactly("counted");
    }

    @Test
    void shouldKeepOneLatestPerSourceEnvironmentVersionAndTarget() {
        store.storeResults(List.of(
                event("base", "checkout", "dependency-latency", "inventory", PASSED, T0, "runner", "staging", "1.0"),
                event("newer-same-group", "checkout", "dependency-latency", "inventory", FAILED, T0.plusSeconds(1),
                        "runner", "staging", "1.0"),
                event("other-source", "checkout", "dependency-latency", "inventory", PASSED, T0, "gremlin",
                        "staging", "1.0"),
                event("other-env", "checkout", "dependency-latency", "inventory", PASSED, T0, "runner",
                        "production", "1.0"),
                event("other-version", "checkout", "dependency-latency", "inventory", PASSED, T0, "runner",
                        "staging", "1.1"),
                event("no-version", "checkout", "dependency-latency", "inventory", PASSED, T0, "runner",
                        "staging", null),
                event("other-target", "checkout", "dependency-latency", "payments", PASSED, T0, "runner",
                        "staging", "1.0")), RECEIVED);

        assertThat(latestIds("checkout")).containsExactlyInAnyOrder("newer-same-group", "other-source", "other-env",
                "other-version", "no-version", "other-target");
    }

    @Test
    void shouldRecomputeLatestOnRetract() {
        store.storeResults(List.of(
                result("oldest", "checkout", "cpu", PASSED, T0),
                result("middle", "checkout", "cpu", DEGRADED, T0.plusSeconds(60)),
                result("error", "checkout", "cpu", ERROR, T0.plusSeconds(90)),
                result("newest", "checkout", "cpu", FAILED, T0.plusSeconds(120))), RECEIVED);

        store.retract("newest", "fault proxy misconfigured", "alice", RECEIVED);
        assertThat(latestIds("checkout")).containsExactly("middle");

        store.retract("oldest", "not the latest: nothing changes", "alice", RECEIVED);
        assertThat(latestIds("checkout")).containsExactly("middle");

        store.retract("middle", "wrong host", "alice", RECEIVED);
        assertThat(latestIds("checkout")).isEmpty();
    }

    @Test
    void shouldNotLetRetractedResultComeBackWhenOlderOneArrives() {
        store.storeResults(List.of(result("new", "checkout", "cpu", PASSED, T0.plusSeconds(60))), RECEIVED);
        store.retract("new", "bad", "alice", RECEIVED);
        store.storeResults(List.of(result("old", "checkout", "cpu", FAILED, T0)), RECEIVED);
        store.storeResults(List.of(result("new", "checkout", "cpu", PASSED, T0.plusSeconds(60))), RECEIVED);

        assertThat(latestIds("checkout")).containsExactly("old");
    }

    @Test
    void shouldReturnLatestForRequestedServicesOrAll() {
        store.storeResults(List.of(
                result("a1", "alpha", "cpu", PASSED, T0),
                result("b1", "beta", "cpu", PASSED, T0),
                result("b2", "beta", "memory", PASSED, T0)), RECEIVED);

        Map<String, List<ResultEvent>> all = store.latestCountedResults(List.of());
        Map<String, List<ResultEvent>> some = store.latestCountedResults(List.of("beta", "gamma"));

        assertThat(all).containsOnlyKeys("alpha", "beta");
        assertThat(all.get("beta")).extracting(ResultEvent::resultId).containsExactly("b1", "b2");
        assertThat(some).containsOnlyKeys("beta", "gamma");
        assertThat(some.get("gamma")).isEmpty();
    }

    // ---- ingest, then the fold

    @Test
    void shouldNotCountIngestedResultsUntilTheFoldTakesThemIn() {
        ResultEvent older = result("older", "checkout", "cpu", FAILED, T0);
        ResultEvent newer = result("newer", "checkout", "cpu", PASSED, T0.plusSeconds(60));
        store.ingestResults(List.of(older, newer), RECEIVED);

        assertThat(store.result("newer")).contains(newer);
        assertThat(store.foldedResult("newer")).isEmpty();
        assertThat(latestIds("checkout")).isEmpty();
        assertThat(store.foldLag()).isEqualTo(1);

        List<Map<String, List<ResultEvent>>> seen = new ArrayList<>();
        assertThat(store.foldPending(RECEIVED, seen::add).results()).isEqualTo(2);

        assertThat(seen).containsExactly(Map.of("checkout", List.of(newer)));
        assertThat(latestIds("checkout")).containsExactly("newer");
        assertThat(store.foldedResult("newer")).contains(newer);
        assertThat(store.foldLag()).isZero();
        assertThat(store.foldPending(RECEIVED, seen::add).results()).isZero();
        assertThat(seen).hasSize(1);
    }

    @Test
    void shouldFoldAgainWhatAFoldThatFailedBeforeItsCommitLeft() {
        store.ingestResults(List.of(result("r1", "checkout", "cpu", PASSED, T0)), RECEIVED);

        assertThatThrownBy(() -> store.foldPending(RECEIVED, latest -> {
            throw new IllegalStateException("recording the scores failed");
        })).hasMessageContaining("recording the scores failed");
        assertThat(latestIds("checkout")).isEmpty();
        assertThat(store.foldLag()).isEqualTo(1);

        assertThat(store.foldPending(RECEIVED, latest -> { }).results()).isEqualTo(1);
        assertThat(latestIds("checkout")).containsExactly("r1");
    }

    @Test
    void shouldLeaveOutOfTheFoldAResultRetractedBeforeIt() {
        store.ingestResults(List.of(
                result("old", "checkout", "cpu", FAILED, T0),
                result("new", "checkout", "cpu", PASSED, T0.plusSeconds(60))), RECEIVED);
        store.retract("new", "wrong host", "alice", RECEIVED);

        store.foldPending(RECEIVED, latest -> { });

        assertThat(latestIds("checkout")).containsExactly("old");
    }

    @Test
    void shouldRefuseToRetractUnknownResult() {
        assertThatThrownBy(() -> store.retract("nope", "r", "alice", RECEIVED))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("result 'nope' cannot be retracted");
    }

    @Test
    void shouldRefuseToRetractTwice() {
        store.storeResults(List.of(result("r1", "checkout", "cpu", PASSED, T0)), RECEIVED);
        Retraction first = store.retract("r1", "wrong host", "alice", RECEIVED);

        assertThat(first).isEqualTo(new Retraction("r1", "wrong host", "alice", RECEIVED));
        assertThat(store.retractions("checkout")).containsExactly(first);
        assertThatThrownBy(() -> store.retract("r1", "again", "bob", RECEIVED.plusSeconds(1)))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("result 'r1' cannot be retracted twice")
                .hasMessageContaining("'alice'");
    }

    // ---- lifecycle

    @Test
    void shouldKeepDataAcrossReopen() {
        store.storeResults(List.of(result("r1", "checkout", "cpu", PASSED, T0)), RECEIVED);
        store.close();

        store = target.open();

        assertThat(latestIds("checkout")).containsExactly("r1");
    }

    @Test
    void shouldReportUnreachableDatabaseAsRetriable() {
        assertThatThrownBy(() -> Store.open("jdbc:postgresql://127.0.0.1:1/steadfast?connectTimeout=1", "u", "p"))
                .isInstanceOf(StoreUnavailableException.class)
                .hasMessageContaining("cannot open database");
    }
}
