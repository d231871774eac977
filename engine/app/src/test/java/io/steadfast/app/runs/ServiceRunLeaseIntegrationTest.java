package io.steadfast.app.runs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.steadfast.testing.FakeClock;
import io.steadfast.spi.errors.SteadfastException;
import io.steadfast.store.PostgresServer;
import io.steadfast.store.RunLease;
import io.steadfast.store.RunLeases;
import io.steadfast.store.Store;
import io.steadfast.store.TestDatabase;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

/** One attacker per service (DESIGN §8) across engines: the lease as runs hold it, on H2 and PostgreSQL. */
@ParameterizedClass
@EnumSource(TestDatabase.class)
class ServiceRunLeaseIntegrationTest {

    private static final Duration TTL = Duration.ofMillis(1500);

    @Parameter
    TestDatabase database;

    @TempDir
    Path dataDir;

    private PostgresServer.Target target;
    private Store store;
    private RunLeases leases;
    private Process holder;
    private final FakeClock clock = new FakeClock();
    private final ManualRenewals renewals = new ManualRenewals();

    @BeforeEach
    void open() {
        target = database.create(dataDir);
        store = target.open();
        leases = store.runLeases();
    }

    @AfterEach
    void close() throws InterruptedException {
        if (holder != null && holder.isAlive()) {
            holder.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        store.close();
    }

    @Test
    void shouldRefuseASecondRunWhileTheFirstKeepsItsLeaseRenewed() {
        try (ServiceRunLease first = ServiceRunLease.acquire(leases, "checkout", "run-1", TTL, clock, renewals)) {
            assertThat(renewals.period).isEqualTo(TTL.dividedBy(3));
            for (int i = 0; i < 9; i++) { // three ttls
                clock.advance(renewals.period);
                renewals.renew.run();
                assertThatThrownBy(() -> ServiceRunLease.acquire(leases, "checkout", "run-2", TTL, clock, renewals))
                        .isInstanceOf(SteadfastException.class)
                        .hasMessageContaining("service 'checkout' must have one run at a time, but its run lease is"
                                + " held by 'run-1'");
                assertThat(first.lost().requested()).isFalse();
            }
            assertThat(first.lease().expiresAt()).isEqualTo(clock.instant().plus(TTL));
        }
        assertThat(renewals.stopped).as("renewals stopped at close").isTrue();
        assertThat(leases.current("checkout")).isEmpty();
        ServiceRunLease.acquire(leases, "checkout", "run-2", TTL, clock, renewals).close();
    }

    @Test
    void shouldSignalALostLeaseOnceItsExpiryPassesWithoutARenewal() {
        try (ServiceRunLease lease = ServiceRunLease.acquire(leases, "checkout", "run-1", TTL, clock, renewals)) {
            clock.advance(TTL.minusMillis(1));
            assertThat(lease.lost().requested()).as("just before its expiry").isFalse();

            clock.advance(Duration.ofMillis(1));

            assertThat(lease.lost().requested()).as("at its expiry, not renewed (the store out of reach)").isTrue();
        }
    }

    @Test
    void shouldSignalALostLeaseOnceAnotherHolderTookIt() {
        try (ServiceRunLease lease = ServiceRunLease.acquire(leases, "checkout", "run-1", TTL, clock, renewals)) {
            // another engine whose clock says the lease expired takes it
            leases.acquire("checkout", "run-2", TTL, lease.lease().expiresAt()).orElseThrow();
            clock.advance(renewals.period);
            assertThat(lease.lost().requested()).as("before the renewal finds it gone").isFalse();

            renewals.renew.run();

            assertThat(lease.lost().requested()).isTrue();
        }
        assertThat(leases.current("checkout")).get().extracting(RunLease::holder).isEqualTo("run-2");
    }

    @Test
    void shouldFreeTheLeaseOfAHolderThatWasKilledOnceItExpires() throws Exception {
        holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LeaseHolderProcess.class.getName(), target.url(),
                dash(target.user()), dash(target.password()), "checkout", Long.toString(TTL.toMillis()))
                .redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("held until ")) {
            System.out.println("holder: " + line);
        }
        assertThat(line).as("the holder process took the lease").isNotNull();
        // renewed for a while: still held past its first expiry
        Thread.sleep(TTL.multipliedBy(2).toMillis());
        assertThat(leases.acquire("checkout", "engine-b", TTL, Instant.now())).isEmpty();

        holder.destroyForcibly();
        assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Instant killedAt = Instant.now();
        Instant lastExpiry = leases.current("checkout").orElseThrow().expiresAt();
        assertThat(leases.acquire("checkout", "engine-b", TTL, killedAt)).as("refused until it expires").isEmpty();

        await().atMost(TTL.plusSeconds(5)).pollInterval(Duration.ofMillis(50))
                .until(() -> leases.acquire("checkout", "engine-b", TTL, Instant.now()).isPresent());
        assertThat(Instant.now()).isAfterOrEqualTo(lastExpiry);
    }

    /** Renewals the test runs by hand, after advancing the clock. */
    private static final class ManualRenewals implements ServiceRunLease.Renewals {

        Duration period;
        Runnable renew;
        boolean stopped;

        @Override
        public Runnable every(Duration period, Runnable renew) {
            this.period = period;
            this.renew = renew;
            this.stopped = false;
            return () -> stopped = true;
        }
    }

    private static String dash(String value) {
        return value == null ? "-" : value;
    }
}
