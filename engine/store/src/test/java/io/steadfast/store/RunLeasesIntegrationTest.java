package io.steadfast.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
class RunLeasesIntegrationTest {

    private static final Instant T0 = Instant.parse("2026-11-26T10:00:00Z");
    private static final Duration TTL = Duration.ofSeconds(30);

    @Parameter
    TestDatabase database;

    @TempDir
    Path dataDir;

    private PostgresServer.Target target;
    private Store store;
    private RunLeases leases;

    @BeforeEach
    void open() {
        target = database.create(dataDir);
        store = target.open();
        leases = store.runLeases();
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldRefuseASecondHolderWhileTheLeaseIsInForce() {
        RunLease first = leases.acquire("checkout", "engine-a", TTL, T0).orElseThrow();

        assertThat(leases.acquire("checkout", "engine-b", TTL, T0.plusSeconds(29))).isEmpty();
        assertThat(leases.current("checkout")).contains(first);
        assertThat(leases.acquire("inventory", "engine-b", TTL, T0)).isPresent();
    }

    @Test
    void shouldHandAnExpiredLeaseToTheNextHolder() {
        leases.acquire("checkout", "engine-a", TTL, T0).orElseThrow();

        Optional<RunLease> next = leases.acquire("checkout", "engine-b", TTL, T0.plusSeconds(30));

        assertThat(next).contains(new RunLease("checkout", "engine-b", T0.plusSeconds(30), T0.plusSeconds(60)));
        assertThat(leases.current("checkout")).isEqualTo(next);
    }

    @Test
    void shouldKeepARenewedLeasePastItsFirstExpiry() {
        RunLease lease = leases.acquire("checkout", "engine-a", TTL, T0).orElseThrow();

        RunLease renewed = leases.renew(lease, TTL, T0.plusSeconds(20)).orElseThrow();

        assertThat(renewed.expiresAt()).isEqualTo(T0.plusSeconds(50));
        assertThat(leases.acquire("checkout", "engine-b", TTL, T0.plusSeconds(40))).isEmpty();
    }

    @Test
    void shouldNotRenewALeaseThatExpiredAndWasTaken() {
        RunLease lost = leases.acquire("checkout", "engine-a", TTL, T0).orElseThrow();
        leases.acquire("checkout", "engine-b", TTL, T0.plusSeconds(31)).orElseThrow();

        assertThat(leases.renew(lost, TTL, T0.plusSeconds(32))).isEmpty();
        assertThat(leases.current("checkout")).get().extracting(RunLease::holder).isEqualTo("engine-b");
    }

    @Test
    void shouldNotRenewAnExpiredLeaseEvenIfNobodyTookIt() {
        RunLease lease = leases.acquire("checkout", "engine-a", TTL, T0).orElseThrow();

        assertThat(leases.renew(lease, TTL, T0.plusSeconds(30))).isEmpty();
    }

    @Test
    void shouldFreeAReleasedLeaseButIgnoreAReleaseByAFormerHolder() {
        RunLease lost = leases.acquire("checkout", "engine-a", TTL, T0).orElseThrow();
        RunLease current = leases.acquire("checkout", "engine-b", TTL, T0.plusSeconds(31)).orElseThrow();

        leases.release(lost);
        assertThat(leases.current("checkout")).contains(current);

        leases.release(current);
        assertThat(leases.current("checkout")).isEmpty();
        assertThat(leases.acquire("checkout", "engine-c", TTL, T0.plusSeconds(32))).isPresent();
    }

    @Test
    void shouldGiveTheLeaseToExactlyOneOfManyConcurrentHolders() throws Exception {
        int holders = 8;
        ExecutorService pool = Executors.newFixedThreadPool(holders);
        try {
            for (int round = 0; round < 5; round++) {
                String service = "svc-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Optional<RunLease>>> attempts = new ArrayList<>();
                for (int i = 0; i < holders; i++) {
                    String holder = "engine-" + i;
                    Callable<Optional<RunLease>> attempt = () -> {
                        go.await();
                        return leases.acquire(service, holder, TTL, T0);
                    };
                    attempts.add(pool.submit(attempt));
                }
                go.countDown();
                List<RunLease> won = new ArrayList<>();
                for (Future<Optional<RunLease>> f : attempts) {
                    f.get().ifPresent(won::add);
                }
                assertThat(won).as("winners of round %d", round).hasSize(1);
                assertThat(leases.current(service)).contains(won.get(0));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
