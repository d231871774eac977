package io.steadfast.http;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.steadfast.app.CacheRefresh;
import io.steadfast.store.ApiToken;
import io.steadfast.store.TokenStore;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The API's bearer tokens: 32 random bytes, base64url without padding, stored only as their SHA-256
 * digest. A token expires ({@link #DEFAULT_LIFETIME} unless told otherwise, or never when told so
 * explicitly). {@link #authenticate} looks a token up by digest, through a short-lived cache (a token
 * revoked by another process stops working within {@link #CACHE_FOR}); expiry is checked on every
 * request. Thread-safe.
 */
@Singleton
public final class Tokens {

    /** How long an authentication is remembered. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(10);

    /** How long a token works unless its creator says otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);

    /** The longest lifetime a token may be given short of never expiring. */
    public static final Duration MAX_LIFETIME = Duration.ofDays(3650);

    private static final int TOKEN_BYTES = 32;

    private final TokenStore store;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    /** Read again in the background once half of {@link #CACHE_FOR} old, so that requests do not wait for the store. */
    private final LoadingCache<String, Optional<ApiToken>> byDigest;

    /** A token just created: the secret, shown once, and what is stored. */
    public record Created(String token, ApiToken stored) {
    }

    @Inject
    public Tokens(TokenStore store, Clock clock, CacheRefresh refresh) {
        this.store = store;
        this.clock = clock;
        byDigest = Caffeine.newBuilder().executor(refresh)
                .maximumSize(10_000).expireAfterWrite(CACHE_FOR).refreshAfterWrite(CACHE_FOR.dividedBy(2))
                .build(this::lookUp);
    }

    /** Creates a token that works for {@link #DEFAULT_LIFETIME}. */
    public Created create(Role role, String team) {
        return create(role, team, Optional.of(DEFAULT_LIFETIME));
    }

    /**
     * Creates a token. Owner and ci tokens need a team; an admin token has none.
     *
     * @param lifetime how long it works; empty: it never expires
     * @throws IllegalArgumentException naming the rule broken
     */
    public Created create(Role role, String team, Optional<Duration> lifetime) {
        if (lifetime.isPresent() && (lifetime.get().isNegative() || lifetime.get().isZero()
                || lifetime.get().compareTo(MAX_LIFETIME) > 0)) {
            throw new IllegalArgumentException("--expires-in must be a positive duration of at most "
                    + MAX_LIFETIME.toDays() + "d, or 'never', but was " + lifetime.get().toDays() + "d");
        }
        if ((role == Role.OWNER || role == Role.CI) && (team == null || team.isBlank())) {
            throw new IllegalArgumentException("--team must be given for role '" + role.id() + "', but was not");
        }
        if (role == Role.ADMIN && team != null) {
            throw new IllegalArgumentException("--team must not be given for role 'admin' (it acts for every team),"
                    + " but was '" + team + "'");
        }
        byte[] secret = new byte[TOKEN_BYTES];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        byte[] id = new byte[5];
        random.nextBytes(id);
        Instant now = clock.instant();
        ApiToken stored = new ApiToken("t-" + HexFormat.of().formatHex(id), digest(token), role.id(), team,
                now, lifetime.map(now::plus).orElse(null), null);
        store.addToken(stored);
        return new Created(token, stored);
    }

    public List<ApiToken> list() {
        return store.tokens();
    }

    /** @return whether a valid token with this id was revoked */
    public boolean revoke(String id) {
        boolean revoked = store.revokeToken(id, clock.instant());
        byDigest.invalidateAll();
        return revoked;
    }

    /** The principal of a valid token: neither revoked nor expired. */
    public Optional<Principal> authenticate(String token) {
        if (token == null || token.isEmpty() || token.length() > 200) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        return byDigest.get(digest(token)).filter(t -> t.validAt(now))
                .map(t -> new Principal(t.id(), Role.of(t.role()), t.team()));
    }

    private Optional<ApiToken> lookUp(String digest) {
        return store.tokenByDigest(digest);
    }

    /** Hex SHA-256 of a token. */
    public static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 must be available in every JVM, but was not", e);
        }
    }
}
