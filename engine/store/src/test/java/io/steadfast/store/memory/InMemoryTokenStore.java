package io.steadfast.store.memory;

import io.steadfast.store.ApiToken;
import io.steadfast.store.StoreException;
import io.steadfast.store.TokenStore;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link TokenStore} in memory, for unit tests of what uses it; {@code TokenStoreContract} holds it to the store's behaviour. */
public final class InMemoryTokenStore implements TokenStore {

    private final Map<String, ApiToken> tokens = new LinkedHashMap<>();
    private final Map<String, String> posters = new HashMap<>();

    @Override
    public synchronized void addToken(ApiToken token) {
        if (tokens.containsKey(token.id())) {
            throw new StoreException("API token '" + token.id() + "' must have a new id, but it is taken");
        }
        tokens.put(token.id(), token);
    }

    @Override
    public synchronized Optional<ApiToken> tokenByDigest(String digest) {
        return tokens.values().stream().filter(t -> t.digest().equals(digest)).findFirst();
    }

    @Override
    public synchronized List<ApiToken> tokens() {
        return tokens.values().stream().sorted(Comparator.comparing(ApiToken::createdAt)).toList();
    }

    @Override
    public synchronized boolean revokeToken(String id, Instant at) {
        ApiToken token = tokens.get(id);
        if (token == null || token.revokedAt() != null) {
            return false;
        }
        tokens.put(id, new ApiToken(token.id(), token.digest(), token.role(), token.team(), token.createdAt(),
                token.expiresAt(), at));
        return true;
    }

    @Override
    public synchronized void recordPosters(Collection<String> resultIds, String tokenId, Instant at) {
        resultIds.forEach(id -> posters.putIfAbsent(id, tokenId));
    }

    @Override
    public synchronized Optional<String> poster(String resultId) {
        return Optional.ofNullable(posters.get(resultId));
    }
}
