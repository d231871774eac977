package io.steadfast.definitions;

import static io.steadfast.definitions.Yaml.errors;
import static org.assertj.core.api.Assertions.assertThat;

import io.steadfast.model.Dependency;
import io.steadfast.model.HealthCheckSpec;
import io.steadfast.model.Instance;
import io.steadfast.model.ServiceDefinition;
import io.steadfast.model.Waiver;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One bad input per service and waiver rule (DESIGN §3). */
class ServiceAndWaiverValidationTest {

    /** DESIGN §3's checkout service; line 11 is the first health check, 13-14 instances, 16-17 dependencies. */
    private static final String SERVICE = """
            apiVersion: steadfast/v1
            kind: Service
            id: checkout
            name: Checkout
            team: payments
            tier: tier-1
            environment: production
            tags: {region: eu}
            standard: tier-1
            healthChecks:
              - {type: http, url: "http://127.0.0.1:8081/health", expectStatus: 200, warnLatency: 300ms, maxLatency: 500ms, interval: 2s}
            instances:
              - {id: checkout-1, zone: a, pidFile: /run/checkout-1.pid}
              - {id: checkout-2, zone: b, pidFile: /run/checkout-2.pid}
            dependencies:
              - {id: inventory, endpoint: "127.0.0.1:9001", proxy: {listen: "127.0.0.1:19001"}}
              - {id: payments, endpoint: "payments.internal:443", tls: true}
            """;

    private static final String WAIVER = """
            apiVersion: steadfast/v1
            kind: Waiver
            service: checkout
            test: dependency-failure
            target: payments
            reason: "payments has no fallback until PAY-1234 ships"
            approvedBy: platform-team
            expiresAt: 2026-12-31T00:00:00Z
            """;

    @Test
    void shouldReadTheDesignsServiceAndWaiver() {
        LoadResult result = Yaml.load(SERVICE + "---\n" + WAIVER);

        assertThat(result.errors()).isEmpty();
        ServiceDefinition checkout = result.definitions().services().get("checkout");
        assertThat(checkout.tier()).isEqualTo("tier-1");
        assertThat(checkout.tags()).isEqualTo(Map.of("region", "eu"));
        assertThat(checkout.standard()).isEqualTo("tier-1");
        assertThat(checkout.healthChecks()).containsExactly(new HealthCheckSpec("http", "http://127.0.0.1:8081/health",
                null, 200, Duration.ofMillis(300), Duration.ofMillis(500), Duration.ofSeconds(2), null, null));
        assertThat(checkout.instances()).containsExactly(
                new Instance("checkout-1", "a", "/run/checkout-1.pid", null, null),
                new Instance("checkout-2", "b", "/run/checkout-2.pid", null, null));
        assertThat(checkout.dependencies()).containsExactly(
                new Dependency("inventory", "127.0.0.1:9001", false, new Dependency.Proxy("127.0.0.1:19001", null)),
                new Dependency("payments", "payments.internal:443", true, null));
        assertThat(result.definitions().waivers()).containsExactly(new Waiver(null, "checkout", "dependency-failure",
                "payments", "payments has no fallback until PAY-1234 ships", "platform-team",
                Instant.parse("2026-12-31T00:00:00Z")));
    }

    @Test
    void shouldRejectServiceIdThatIsNotASlug() {
        assertThat(errors(SERVICE.replace("id: checkout\n", "id: Check Out\n")))
                .containsExactly("f.yaml:3:5: id: must be a slug (lower-case letters, digits and single dashes), but was 'Check Out'");
    }

    @Test
    void shouldRejectServiceWithoutTeam() {
        assertThat(errors(SERVICE.replace("team: payments\n", "")))
                .containsExactly("f.yaml:1:1: team: is required, but was absent");
    }

    @Test
    void shouldRejectUnknownTier() {
        assertThat(errors(SERVICE.replace("tier: tier-1", "tier: gold")))
                .containsExactly("f.yaml:6:7: tier: must be one of tier-1, tier-2, tier-3, tier-4, but was 'gold'");
    }

    @Test
    void shouldRejectTagThatIsNotAString() {
        assertThat(errors(SERVICE.replace("tags: {region: eu}", "tags: {region: [eu]}")))
                .containsExactly("f.yaml:8:16: tags.region: must be a string, but was a list");
    }

    @Test
    void shouldRejectDuplicateInstanceId() {
        assertThat(errors(SERVICE.replace("id: checkout-2", "id: checkout-1"))).containsExactly(
                "f.yaml:14:10: instances[1].id: must be unique among the service's instances, but was 'checkout-1'");
    }

    @Test
    void shouldRejectDuplicateDependencyId() {
        assertThat(errors(SERVICE.replace("id: payments,", "id: inventory,"))).containsExactly(
                "f.yaml:17:10: dependencies[1].id: must be unique among the service's dependencies, but was 'inventory'");
    }

    @Test
    void shouldRejectEndpointWithoutPort() {
        assertThat(errors(SERVICE.replace("\"payments.internal:443\"", "payments.internal")))
                .containsExactly("f.yaml:17:30: dependencies[1].endpoint: must be host:port, but was 'payments.internal'");
    }

    @Test
    void shouldRejectTlsThatIsNotABoolean() {
        assertThat(errors(SERVICE.replace("tls: true", "tls: sometimes")))
                .containsExactly("f.yaml:17:60: dependencies[1].tls: must be true or false, but was 'sometimes'");
    }

    @Test
    void shouldRejectProxyWithoutListenAddress() {
        assertThat(errors(SERVICE.replace("proxy: {listen: \"127.0.0.1:19001\"}", "proxy: {}")))
                .containsExactly("f.yaml:16:56: dependencies[0].proxy.listen: is required, but was absent");
    }

    @Test
    void shouldRejectProxyControlThatIsNotHostPort() {
        assertThat(errors(SERVICE.replace("proxy: {listen: \"127.0.0.1:19001\"}",
                "proxy: {listen: \"127.0.0.1:19001\", control: localhost}")))
                .containsExactly("f.yaml:16:93: dependencies[0].proxy.control: must be host:port, but was 'localhost'");
    }

    @Test
    void shouldRejectJsonFieldWithoutJsonValue() {
        assertThat(errors(SERVICE.replace("expectStatus: 200", "expectStatus: 200, jsonField: status")))
                .containsExactly("f.yaml:11:5: healthChecks[0].jsonValue: is required, but was absent");
    }

    @Test
    void shouldRejectJsonFieldOnATcpCheck() {
        assertThat(errors(SERVICE.replace("type: http, url: \"http://127.0.0.1:8081/health\", expectStatus: 200",
                "type: tcp, address: \"127.0.0.1:8081\", jsonField: a, jsonValue: b")))
                .containsExactly("f.yaml:11:55: healthChecks[0].jsonField: must be absent for a tcp check, but was 'a'",
                        "f.yaml:11:69: healthChecks[0].jsonValue: must be absent for a tcp check, but was 'b'");
    }

    @Test
    void shouldRejectUnknownHealthCheckType() {
        assertThat(errors(SERVICE.replace("type: http", "type: grpc"))).containsExactly(
                "f.yaml:11:12: healthChecks[0].type: must be one of http, tcp, tls, but was 'grpc'");
    }

    @Test
    void shouldRejectWarnLatencyNotBelowMaxLatency() {
        assertThat(errors(SERVICE.replace("warnLatency: 300ms", "warnLatency: 600ms"))).containsExactly(
                "f.yaml:11:87: healthChecks[0].warnLatency: must be < maxLatency (500ms), but was '600ms'");
    }

    @Test
    void shouldRejectTheSameServiceTwice() {
        assertThat(errors(SERVICE + "---\n" + SERVICE)).containsExactly(
                "f.yaml:21:5: id: must be unique among services (first defined at f.yaml:3:5), but was 'checkout'");
    }

    @Test
    void shouldDefaultWaiverTargetToEmpty() {
        LoadResult result = Yaml.load(WAIVER.replace("target: payments\n", ""));

        assertThat(result.errors()).isEmpty();
        assertThat(result.definitions().waivers().get(0).target()).isEmpty();
    }

    @Test
    void shouldRejectWaiverWithoutReason() {
        assertThat(errors(WAIVER.replace("reason: \"payments has no fallback until PAY-1234 ships\"\n", "")))
                .containsExactly("f.yaml:1:1: reason: is required, but was absent");
    }

    @Test
    void shouldRejectWaiverWithoutApprover() {
        assertThat(errors(WAIVER.replace("approvedBy: platform-team", "approvedBy: \" \"")))
                .containsExactly("f.yaml:7:13: approvedBy: must not be blank, but was ' '");
    }

    @Test
    void shouldRejectWaiverWithoutExpiry() {
        assertThat(errors(WAIVER.replace("expiresAt: 2026-12-31T00:00:00Z\n", "")))
                .containsExactly("f.yaml:1:1: expiresAt: is required, but was absent");
    }

    @Test
    void shouldRejectWaiverExpiryThatIsNotAnInstant() {
        assertThat(errors(WAIVER.replace("2026-12-31T00:00:00Z", "next-friday"))).containsExactly(
                "f.yaml:8:12: expiresAt: must be an ISO-8601 instant such as 2026-12-31T00:00:00Z, but was 'next-friday'");
    }

    @Test
    void shouldRejectTcpHealthCheckWithoutAddress() {
        assertThat(errors(SERVICE.replace(
                "{type: http, url: \"http://127.0.0.1:8081/health\", expectStatus: 200, warnLatency: 300ms, maxLatency: 500ms, interval: 2s}",
                "{type: tcp}"))).containsExactly("f.yaml:11:5: healthChecks[0].address: is required, but was absent");
    }

    @Test
    void shouldRefuseProcessControlInADocumentFromTheApiAtItsPosition() {
        LoadResult fromApi = DefinitionLoader.withoutProcessControl().loadText("body", "---\n---\n" + SERVICE);
        LoadResult fromFile = new DefinitionLoader().loadText("checkout.yaml", "---\n---\n" + SERVICE);

        assertThat(fromApi.errors()).extracting(DefinitionError::toString).containsExactly(
                "body:15:40: instances[0].pidFile: process control and exec must come from a file an admin registers"
                        + " with 'steadfast services register', never over the API, but was given",
                "body:16:40: instances[1].pidFile: process control and exec must come from a file an admin registers"
                        + " with 'steadfast services register', never over the API, but was given");
        assertThat(fromApi.definitions().services()).isEmpty();
        assertThat(fromFile.errors()).isEmpty();
    }

    @Test
    void shouldRejectANulInAServiceString() {
        assertThat(errors(SERVICE.replace("name: Checkout", "name: \"Check\\0out\"")))
                .containsExactly("f.yaml:4:7: name: must not hold control characters, but held U+0000 at index 5");
    }

    @Test
    void shouldRejectAControlCharacterInAKey() {
        assertThat(errors(SERVICE.replace("tags: {region: eu}", "tags: {\"re\\tgion\": eu}")))
                .containsExactly("f.yaml:8:8: tags: keys must not hold control characters, but held U+0009 at index 2");
    }

    @Test
    void shouldAllowALineBreakButNotABellInAWaiverReason() {
        assertThat(errors(SERVICE + "---\n" + WAIVER.replace("until PAY-1234", "until\\nPAY-1234"))).isEmpty();
        assertThat(errors(SERVICE + "---\n" + WAIVER.replace("until PAY-1234", "until\\aPAY-1234")))
                .singleElement().asString().endsWith("reason: must not hold control characters, but held U+0007 at index 30");
    }
}
