package io.steadfast.spi.retry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeException;
import io.steadfast.spi.errors.RetriableException;
import io.steadfast.spi.errors.SteadfastException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one retry policy: which failures it tries again, and the pauses, doubling, capped and jittered. */
class BackoffTest {

    private final Backoff backoff = Backoff.exponential(Duration.ofMillis(200), Duration.ofSeconds(10));

    @Test
    void shouldDoubleThePauseWithEachFailureInARowUpToTheLongest() {
        assertThat(List.of(1, 2, 3, 6, 7, 50).stream().map(backoff::nominal).map(Duration::toMillis))
                .containsExactly(200L, 400L, 800L, 6_400L, 10_000L, 10_000L);
    }

    @Test
    void shouldVaryEachPauseByTheJitterAroundTheNominalOne() {
        Backoff.Failures failures = backoff.failures();
        List<Long> pauses = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
            Duration pause = failures.failed(new RetriableException("store is down")).orElseThrow();
            long nominal = backoff.nominal(i).toMillis();
            assertThat(pause.toMillis()).as("pause after failure %d", i)
                    .isBetween((long) (nominal * (1 - Backoff.JITTER)) - 1, (long) (nominal * (1 + Backoff.JITTER)) + 1);
            pauses.add(pause.toMillis());
        }
        assertThat(failures.count()).isEqualTo(8);
        assertThat(pauses).as("jittered, not all nominal").isNotEqualTo(List.of(200L, 400L, 800L, 1_600L, 3_200L,
                6_400L, 10_000L, 10_000L));
    }

    @Test
    void shouldStartAgainFromTheFirstPauseAfterASuccess() {
        Backoff.Failures failures = backoff.failures();
        for (int i = 0; i < 6; i++) {
            failures.failed(new RetriableException("broker is down"));
        }
        failures.succeeded();

        assertThat(failures.count()).isZero();
        assertThat(failures.failed(new RetriableException("broker is down")).orElseThrow().toMillis())
                .isBetween(150L, 250L);
    }

    @Test
    void shouldGiveUpOnAnythingButARetriableFailure() {
        Backoff.Failures failures = backoff.failures();

        assertThat(failures.failed(new SteadfastException("definition 'x' must exist, but did not"))).isEmpty();
        assertThat(failures.failed(new IllegalStateException("a bug"))).isEmpty();
        assertThat(failures.unacknowledged().toMillis()).as("an unacknowledged send is worth another try")
                .isBetween(150L, 250L);
    }

    @Test
    void shouldLetFailsafeRetryRetriableFailuresOnly() {
        Backoff quick = Backoff.exponential(Duration.ofMillis(1), Duration.ofMillis(2));
        AtomicInteger calls = new AtomicInteger();

        String answer = Failsafe.with(quick.policy()).get(() -> {
            if (calls.incrementAndGet() < 3) {
                throw new RetriableException("store is down");
            }
            return "stored";
        });
        assertThat(answer).isEqualTo("stored");
        assertThat(calls).hasValue(3);

        calls.set(0);
        assertThatThrownBy(() -> Failsafe.with(quick.policy()).run(() -> {
            calls.incrementAndGet();
            throw new SteadfastException("weight of category 'x' must be > 0, but was -1");
        })).isInstanceOf(SteadfastException.class).isNotInstanceOf(FailsafeException.class);
        assertThat(calls).as("a permanent failure is not tried again").hasValue(1);
    }

    @Test
    void shouldRefuseAPauseThatIsNotPositiveOrALongestShorterThanTheFirst() {
        assertThatThrownBy(() -> Backoff.exponential(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("first pause of a back-off must be > 0, but was PT0S");
        assertThatThrownBy(() -> Backoff.exponential(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("longest pause of a back-off must be >= its first (PT2S), but was PT1S");
    }
}
