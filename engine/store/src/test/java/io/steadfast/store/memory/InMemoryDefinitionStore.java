package io.steadfast.store.memory;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.model.Waiver;
import io.steadfast.store.DefinitionStore;
import io.steadfast.store.StoreException;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/** {@link DefinitionStore} in memory, for unit tests of what uses it; {@code DefinitionStoreContract} holds it to the store's behaviour. */
public final class InMemoryDefinitionStore implements DefinitionStore {

    private record Registered(ServiceDefinition service, String source, ServiceOrigin origin) {
    }

    private final Map<String, Registered> services = new TreeMap<>();
    /** Waivers not revoked, in the order they were added. */
    private final Map<String, Waiver> waivers = new LinkedHashMap<>();
    private final Map<String, String> revokedBy = new HashMap<>();
    private final Random random = new Random(1);

    @Override
    public synchronized void registerService(ServiceDefinition service, String sourceText, ServiceOrigin origin) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(origin, "origin");
        services.put(service.id(), new Registered(service, sourceText, origin));
    }

    @Override
    public synchronized Optional<ServiceOrigin> serviceOrigin(String id) {
        return Optional.ofNullable(services.get(id)).map(Registered::origin);
    }

    @Override
    public synchronized Optional<ServiceDefinition> service(String id) {
        return Optional.ofNullable(services.get(id)).map(Registered::service);
    }

    @Override
    public synchronized List<ServiceDefinition> services(Collection<String> ids) {
        return ids.stream().distinct().map(services::get).filter(Objects::nonNull).map(Registered::service).toList();
    }

    @Override
    public synchronized Optional<String> serviceSource(String id) {
        return Optional.ofNullable(services.get(id)).map(Registered::source);
    }

    @Override
    public synchronized List<ServiceDefinition> services() {
        return services.values().stream().map(Registered::service).toList();
    }

    @Override
    public synchronized Waiver addWaiver(Waiver waiver, Instant createdAt) {
        Objects.requireNonNull(waiver, "waiver");
        Objects.requireNonNull(createdAt, "createdAt");
        byte[] bytes = new byte[5];
        random.nextBytes(bytes);
        Waiver stored = new Waiver("w-" + HexFormat.of().formatHex(bytes), waiver.service(), waiver.test(),
                waiver.target(), waiver.reason(), waiver.approvedBy(), waiver.expiresAt());
        waivers.put(stored.id(), stored);
        return stored;
    }

    @Override
    public synchronized List<Waiver> waivers(String serviceOrNull) {
        return waivers.values().stream().filter(w -> serviceOrNull == null || w.service().equals(serviceOrNull))
                .sorted(Comparator.comparing(Waiver::service).thenComparing(Waiver::test).thenComparing(Waiver::target))
                .toList(); // stable: those alike stay in the order they were added
    }

    @Override
    public synchronized void revokeWaiver(String id, String by, Instant at) {
        Objects.requireNonNull(at, "at");
        if (revokedBy.containsKey(id)) {
            throw new StoreException("waiver '" + id + "' cannot be revoked twice, but it was already revoked by '"
                    + revokedBy.get(id) + "'");
        }
        if (waivers.remove(id) == null) {
            throw new StoreException("waiver '" + id + "' cannot be revoked: no waiver with this id is stored");
        }
        revokedBy.put(id, by);
    }
}
