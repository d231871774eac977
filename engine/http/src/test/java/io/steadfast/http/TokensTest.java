package io.steadfast.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.app.CacheRefresh;
import io.steadfast.store.memory.InMemoryTokenStore;
import io.steadfast.testing.FakeClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** API tokens on the in-memory token store, with a clock the test moves. */
class TokensTest {

    private static final Instant T0 = FakeClock.START;

    private final InMemoryTokenStore store = new InMemoryTokenStore();
    private final FakeClock clock = new FakeClock();
    private final Tokens tokens = new Tokens(store, clock, new CacheRefresh());

    @Test
    void shouldAuthenticateACreatedTokenAsItsRoleAndTeamAndStoreOnlyItsDigest() {
        Tokens.Created created = tokens.create(Role.OWNER, "payments");

        assertThat(tokens.authenticate(created.token()))
                .contains(new Principal(created.stored().id(), Role.OWNER, "payments"));
        assertThat(store.tokens()).singleElement().satisfies(stored -> {
            assertThat(stored.digest()).isEqualTo(Tokens.digest(created.token())).isNotEqualTo(created.token());
            assertThat(stored.expiresAt()).isEqualTo(T0.plus(Tokens.DEFAULT_LIFETIME));
        });
        assertThat(tokens.authenticate(created.token() + "x")).isEmpty();
        assertThat(tokens.authenticate("")).isEmpty();
    }

    @Test
    void shouldStopAuthenticatingATokenOnceItExpiresEvenWhileRemembered() {
        Tokens.Created created = tokens.create(Role.VIEWER, null, Optional.of(Duration.ofMinutes(5)));
        assertThat(tokens.authenticate(created.token())).isPresent();

        clock.advance(Duration.ofMinutes(5));

        assertThat(tokens.authenticate(created.token())).isEmpty();
    }

    @Test
    void shouldStopAuthenticatingARevokedTokenAtOnce() {
        Tokens.Created created = tokens.create(Role.ADMIN, null, Optional.empty());
        assertThat(tokens.authenticate(created.token())).isPresent();

        assertThat(tokens.revoke(created.stored().id())).isTrue();

        assertThat(tokens.authenticate(created.token())).isEmpty();
        assertThat(tokens.revoke(created.stored().id())).as("revoked once").isFalse();
    }

    @Test
    void shouldRefuseATokenThatBreaksARuleNamingIt() {
        assertThatThrownBy(() -> tokens.create(Role.OWNER, null)).hasMessageContaining("--team must be given");
        assertThatThrownBy(() -> tokens.create(Role.ADMIN, "payments")).hasMessageContaining("--team must not be given");
        assertThatThrownBy(() -> tokens.create(Role.CI, "payments", Optional.of(Duration.ofDays(3651))))
                .hasMessageContaining("--expires-in must be a positive duration of at most 3650d");
        assertThat(store.tokens()).isEmpty();
    }
}
