package io.steadfast.store;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The store's API tokens (their digests only) and which token posted each result over the API.
 * Thread-safe.
 */
public interface TokenStore {

    /** Stores a new API token. */
    void addToken(ApiToken token);

    /** The token with this SHA-256 digest (hex), revoked or not. */
    Optional<ApiToken> tokenByDigest(String digest);

    /** Every API token, revoked ones included, oldest first. */
    List<ApiToken> tokens();

    /** @return whether a valid token with this id was revoked */
    boolean revokeToken(String id, Instant at);

    /** Records which token posted these results over the API; a result keeps its first poster. */
    void recordPosters(Collection<String> resultIds, String tokenId, Instant at);

    /** The id of the API token that posted a result, when it came over the API. */
    Optional<String> poster(String resultId);
}
