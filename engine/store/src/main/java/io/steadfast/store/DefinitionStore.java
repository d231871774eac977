package io.steadfast.store;

import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.model.Waiver;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** The definitions the store keeps: registered services and waivers. Thread-safe. */
public interface DefinitionStore {

    /**
     * Registers a service, or replaces its definition, source text and origin when its id is already
     * registered.
     */
    void registerService(ServiceDefinition service, String sourceText, ServiceOrigin origin);

    /** Where the registered service came from: an admin's file, or the API. */
    Optional<ServiceOrigin> serviceOrigin(String id);

    Optional<ServiceDefinition> service(String id);

    /** The registered services among {@code ids} (one read for all), in no particular order. */
    List<ServiceDefinition> services(Collection<String> ids);

    /** The text the service was registered from, when it was given. */
    Optional<String> serviceSource(String id);

    /** All registered services, sorted by id. */
    List<ServiceDefinition> services();

    /** Stores a waiver under a new id ({@code w-} and 10 hex digits; any id it carries is ignored) and returns it with that id. */
    Waiver addWaiver(Waiver waiver, Instant createdAt);

    /** Waivers not revoked, of one service or of all (null); expired ones included, the scorer decides. */
    List<Waiver> waivers(String serviceOrNull);

    /** @throws StoreException when no waiver has this id, or it was already revoked */
    void revokeWaiver(String id, String by, Instant at);
}
