package io.steadfast.spi.retry;

import dev.failsafe.Execution;
import dev.failsafe.RetryPolicy;
import io.steadfast.spi.errors.RetriableException;
import java.time.Duration;
import java.util.Optional;

/**
 * Steadfast's one retry policy: what is worth trying again, and after how long. Only a
 * {@link RetriableException} (the store or the broker out of reach for now) is tried again, after a
 * pause that starts at {@link #first()} and doubles with each failure in a row up to {@link #max()},
 * each pause varied at random by up to {@value #JITTER} of itself (jitter), so that engines that
 * failed together do not all try again at the same instant. Any other failure means "give up".
 *
 * <p>A Failsafe {@link RetryPolicy} ({@link #policy()}) for code that lets Failsafe run the attempts;
 * loops that wait their own way (a consumer that keeps polling, a thread that waits on a condition)
 * count their failures with {@link #failures()} and wait out the pause it gives. Neither sleeps on
 * its own account. Immutable and thread-safe.
 */
public final class Backoff {

    /** The fraction by which each pause varies at random, up or down. */
    public static final double JITTER = 0.25;
    /** Doubling beyond this many failures gives no longer pause than {@link #max()} in practice. */
    private static final int MAX_DOUBLINGS = 30;

    private final Duration first;
    private final Duration max;
    private final RetryPolicy<Object> policy;

    private Backoff(Duration first, Duration max) {
        this.first = first;
        this.max = max;
        this.policy = RetryPolicy.builder()
                .handleIf((result, failure) -> retriable(failure) || result == Failures.UNACKNOWLEDGED)
                .withDelayFn(context -> nominal(context.getAttemptCount()))
                .withJitter(JITTER)
                .withMaxRetries(-1)
                .build();
    }

    /**
     * A pause of {@code first} after the first failure, doubled after each further one, at most {@code max}.
     *
     * @throws IllegalArgumentException when {@code first} is not positive or {@code max} is shorter than it
     */
    public static Backoff exponential(Duration first, Duration max) {
        if (first.isNegative() || first.isZero()) {
            throw new IllegalArgumentException("first pause of a back-off must be > 0, but was " + first);
        }
        if (max.compareTo(first) < 0) {
            throw new IllegalArgumentException("longest pause of a back-off must be >= its first (" + first
                    + "), but was " + max);
        }
        return new Backoff(first, max);
    }

    /** Whether trying the same call again may succeed: a {@link RetriableException}. */
    public static boolean retriable(Throwable failure) {
        return failure instanceof RetriableException;
    }

    public Duration first() {
        return first;
    }

    public Duration max() {
        return max;
    }

    /** The pause after the given number of failures in a row (1 for the first), before jitter. */
    public Duration nominal(int failures) {
        int doublings = Math.min(Math.max(failures - 1, 0), MAX_DOUBLINGS);
        long millis = first.toMillis() << doublings;
        return millis <= 0 || millis > max.toMillis() ? max : Duration.ofMillis(millis);
    }

    /** The policy for Failsafe ({@code Failsafe.with(backoff.policy())}): retries without limit, retriable failures only. */
    public RetryPolicy<Object> policy() {
        return policy;
    }

    /** A count of failures in a row, none yet, for a loop that waits its own way. */
    public Failures failures() {
        return new Failures(policy);
    }

    @Override
    public String toString() {
        return "back-off from " + first + " doubling up to " + max + " (jitter " + JITTER + ")";
    }

    /**
     * The failures in a row of one loop, and the pause before its next attempt. A success starts the
     * count again. Not thread-safe: one loop owns it.
     */
    public static final class Failures {

        /** What {@link #unacknowledged} records: a failure reported by a result, not thrown. */
        private static final Object UNACKNOWLEDGED = new Object();

        private final RetryPolicy<Object> policy;
        private Execution<Object> streak;
        private int count;

        private Failures(RetryPolicy<Object> policy) {
            this.policy = policy;
        }

        /**
         * Records a failure.
         *
         * @return the pause before trying again, or empty when it is not worth trying again (give up):
         *         anything but a {@link RetriableException}. The count is kept either way.
         */
        public Optional<Duration> failed(Throwable failure) {
            return record(null, failure);
        }

        /**
         * Records a failure known to be worth trying again that nothing threw: something sent was not
         * acknowledged, the broker being down.
         *
         * @return the pause before trying again
         */
        public Duration unacknowledged() {
            return record(UNACKNOWLEDGED, null).orElseThrow();
        }

        private Optional<Duration> record(Object result, Throwable failure) {
            if (streak == null || streak.isComplete()) {
                streak = Execution.of(policy);
            }
            count++;
            streak.record(result, failure);
            return streak.isComplete() ? Optional.empty() : Optional.of(streak.getDelay());
        }

        /** The call succeeded: the next failure is the first again. */
        public void succeeded() {
            streak = null;
            count = 0;
        }

        /** Failures since the last success. */
        public int count() {
            return count;
        }
    }
}
