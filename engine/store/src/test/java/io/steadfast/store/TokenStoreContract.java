package io.steadfast.store;

import static io.steadfast.store.Results.T0;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TokenStore} does, the store's and the in-memory one alike: each implementation's
 * test extends this with {@link #store} giving a new, empty one.
 */
public abstract class TokenStoreContract {

    /** A new, empty store under test. */
    protected abstract TokenStore store();

    private TokenStore store;

    @BeforeEach
    void openStore() {
        store = store();
    }

    private static ApiToken token(String id, String digest, int minute) {
        return new ApiToken(id, digest, "owner", "payments", T0.plus(Duration.ofMinutes(minute)),
                T0.plus(Duration.ofDays(30)), null);
    }

    @Test
    void shouldFindATokenByItsDigestAndListThemOldestFirst() {
        ApiToken later = token("t-2", "d2", 5);
        ApiToken earlier = token("t-1", "d1", 1);
        store.addToken(later);
        store.addToken(earlier);

        assertThat(store.tokenByDigest("d1")).contains(earlier);
        assertThat(store.tokenByDigest("unknown")).isEmpty();
        assertThat(store.tokens()).containsExactly(earlier, later);
    }

    @Test
    void shouldRevokeATokenOnce() {
        store.addToken(token("t-1", "d1", 1));

        assertThat(store.revokeToken("t-1", T0.plusSeconds(600))).isTrue();
        assertThat(store.revokeToken("t-1", T0.plusSeconds(900))).as("already revoked").isFalse();
        assertThat(store.revokeToken("t-unknown", T0)).isFalse();
        assertThat(store.tokenByDigest("d1").orElseThrow().revokedAt()).isEqualTo(T0.plusSeconds(600));
        assertThat(store.tokenByDigest("d1").orElseThrow().validAt(T0.plusSeconds(601))).isFalse();
    }

    @Test
    void shouldKeepAResultsFirstPoster() {
        store.addToken(token("t-1", "d1", 1));
        store.addToken(token("t-2", "d2", 2));
        store.recordPosters(List.of("r1", "r2"), "t-1", T0);
        store.recordPosters(List.of("r2", "r3"), "t-2", T0.plusSeconds(1));

        assertThat(store.poster("r1")).contains("t-1");
        assertThat(store.poster("r2")).as("posted again: keeps its first poster").contains("t-1");
        assertThat(store.poster("r3")).contains("t-2");
        assertThat(store.poster("r4")).isEmpty();
    }
}
