package io.steadfast.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.steadfast.model.Dependency;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.model.Waiver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link DefinitionStore} does, the store's and the in-memory one alike: each implementation's
 * test extends this with {@link #store} giving a new, empty one.
 */
public abstract class DefinitionStoreContract {

    private static final Instant RECEIVED = Instant.parse("2026-11-26T12:00:00Z");
    /** A new, empty store under test. */
    protected abstract DefinitionStore store();

    private DefinitionStore store;

    @BeforeEach
    void openStore() {
        store = store();
    }

    // ---- services

    @Test
    void shouldUpsertServicesAndListThemById() {
        ServiceDefinition checkout = checkout("Checkout");
        ServiceDefinition inventory = new ServiceDefinition("inventory", null, "stock", "tier-2", "production",
                null, null, null, null, null);
        store.registerService(checkout, "id: checkout # v1", ServiceOrigin.FILE);
        store.registerService(inventory, null, ServiceOrigin.API);
        ServiceDefinition renamed = checkout("Checkout v2");
        store.registerService(renamed, "id: checkout # v2", ServiceOrigin.API);

        assertThat(store.services()).containsExactly(renamed, inventory);
        assertThat(store.service("checkout")).contains(renamed);
        assertThat(store.serviceSource("checkout")).contains("id: checkout # v2");
        assertThat(store.serviceOrigin("checkout")).as("the last registration decides").contains(ServiceOrigin.API);
        assertThat(store.serviceOrigin("inventory")).contains(ServiceOrigin.API);
        assertThat(store.service("unknown")).isEmpty();
        assertThat(store.serviceOrigin("unknown")).isEmpty();
    }

    private static ServiceDefinition checkout(String name) {
        return new ServiceDefinition("checkout", name, "payments", "tier-1", "production", Map.of("region", "eu"),
                "tier-1",
                List.of(new HealthCheckSpec("http", "http://127.0.0.1:8081/health", null, 200,
                        Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofSeconds(2), null, null)),
                List.of(new Instance("checkout-1", "a", "/run/checkout-1.pid", null, null),
                        new Instance("checkout-2", "b", "/run/checkout-2.pid", null, null)),
                List.of(new Dependency("inventory", "127.0.0.1:9001", false, new Dependency.Proxy("127.0.0.1:19001", null)),
                        new Dependency("payments", "payments.internal:443", true, null)));
    }

    // ---- waivers

    @Test
    void shouldAddListAndRevokeWaivers() {
        Instant expires = Instant.parse("2026-12-31T00:00:00Z");
        Waiver w1 = store.addWaiver(new Waiver(null, "checkout", "dependency-failure", "payments",
                "no fallback until PAY-1234", "platform-team", expires), RECEIVED);
        Waiver w2 = store.addWaiver(new Waiver(null, "inventory", "host", null, "r", "platform-team",
                Instant.parse("2020-01-01T00:00:00Z")), RECEIVED);

        assertThat(w1.id()).startsWith("w-").isNotEqualTo(w2.id());
        assertThat(store.waivers(null)).containsExactly(w1, w2);
        assertThat(store.waivers("checkout")).containsExactly(w1);

        store.revokeWaiver(w1.id(), "alice", RECEIVED.plusSeconds(60));

        assertThat(store.waivers(null)).containsExactly(w2);
        assertThat(store.waivers("checkout")).isEmpty();
        assertThatThrownBy(() -> store.revokeWaiver(w1.id(), "bob", RECEIVED))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("already revoked by 'alice'");
        assertThatThrownBy(() -> store.revokeWaiver("w-unknown", "bob", RECEIVED))
                .isInstanceOf(StoreException.class)
                .hasMessageContaining("waiver 'w-unknown' cannot be revoked");
    }
}
