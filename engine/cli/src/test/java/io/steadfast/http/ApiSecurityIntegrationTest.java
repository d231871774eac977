package io.steadfast.http;

import static io.steadfast.http.HttpApiIntegrationTest.result;
import static io.steadfast.http.HttpApiIntegrationTest.service;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.steadfast.app.Engine;
import io.steadfast.http.ApiServer.Response;
import io.steadfast.json.Json;
import io.steadfast.model.ServiceOrigin;
import io.steadfast.spi.result.ResultEvent;
import io.steadfast.spi.result.ResultStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The attacks of the security review, made through the real HTTP API (production wiring, embedded
 * broker, H2 store, real tokens), each refused with a clear error and nothing stored changed.
 */
class ApiSecurityIntegrationTest {

    @TempDir
    static Path temp;

    private static ApiServer api;
    private static Engine engine;
    private static String admin;
    private static String payments;
    private static String viewer;
    private static Path marker;

    @BeforeAll
    static void start() {
        api = ApiServer.start(temp, null, Map.of("STEADFAST_API_PROXY_ADDRESSES", "127.0.0.1:19001, 127.0.0.1:*"));
        engine = api.engine;
        marker = temp.resolve("marker");
        api.registerFromFile("checkout", service("checkout", "payments", """
                healthChecks: [{type: http, url: "http://127.0.0.1:1/health"}]
                instances: [{id: i-1, zone: a, stopCommand: "touch %s", startCommand: "true"}]
                """.formatted(marker)));
        admin = api.token(Role.ADMIN, null);
        payments = api.token(Role.OWNER, "payments");
        viewer = api.token(Role.VIEWER, null);
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    // ---- hole 1: command execution from the API

    private static final String HEAD = "apiVersion: steadfast/v1\nkind: Service\nid: evil\nteam: payments\ntier: tier-2\n";

    @ParameterizedTest
    @ValueSource(strings = {
            // empty documents before the real one
            "---\n---\n" + HEAD + "instances: [{id: i-1, zone: a, stopCommand: \"id > /tmp/x\", startCommand: \"true\"}]\n",
            // a pidFile alone, in block style
            HEAD + "instances:\n  - id: i-1\n    zone: a\n    pidFile: /proc/1/stat\n",
            // JSON
            "{\"apiVersion\":\"steadfast/v1\",\"kind\":\"Service\",\"id\":\"evil\",\"team\":\"payments\",\"tier\":\"tier-2\","
                    + "\"instances\":[{\"id\":\"i-1\",\"zone\":\"a\",\"stopCommand\":\"id > /tmp/x\",\"startCommand\":\"true\"}]}",
            // block style, explicit tags, quoted keys
            HEAD + "instances:\n  - id: i-1\n    zone: a\n    \"stopCommand\": !!str id > /tmp/x\n    'startCommand': 'true'\n",
            // a document start marker with a comment and a directive-like line first
            "# harmless\n--- # still harmless\n" + HEAD + "instances: [{id: i-1, zone: a, pidFile: /run/x.pid}]\n"})
    void shouldRefuseProcessControlInARegisteredDefinitionHoweverItIsWritten(String body) throws Exception {
        Response created = call("POST", "/api/v1/services", payments, body);

        assertThat(created.status()).as(created.body()).isEqualTo(400);
        assertThat(created.body()).contains("process control and exec must come from a file an admin registers");
        assertThat(engine.store().service("evil")).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            HEAD + "tags: {cmd: &cmd \"id > /tmp/x\"}\ninstances: [{id: i-1, zone: a, stopCommand: *cmd}]\n",
            HEAD + "instances:\n  - &ctl {id: i-1, zone: a, stopCommand: \"id > /tmp/x\", startCommand: \"true\"}\n"
                    + "  - *ctl\n",
            HEAD + "instances:\n  - &ctl {id: i-1, zone: a, stopCommand: \"id > /tmp/x\", startCommand: \"true\"}\n"
                    + "  - {<<: *ctl, id: i-2}\n"})
    void shouldRefuseProcessControlBroughtInThroughAnchorsAndAliases(String body) throws Exception {
        Response created = call("POST", "/api/v1/services", payments, body);

        assertThat(created.status()).as(created.body()).isEqualTo(400);
        assertThat(engine.store().service("evil")).isEmpty();
    }

    @Test
    void shouldRefuseKeysThatDifferOnlyByCaseRatherThanTakeThem() throws Exception {
        Response created = call("POST", "/api/v1/services", payments,
                HEAD + "instances: [{id: i-1, zone: a, StopCommand: \"id > /tmp/x\", STARTCOMMAND: \"true\"}]\n");

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().get("errors").findValuesAsText("field"))
                .contains("instances[0].StopCommand", "instances[0].STARTCOMMAND");
        assertThat(engine.store().service("evil")).isEmpty();
    }

    @Test
    void shouldRefuseAPidFileSlippedInThroughAnUpdate() throws Exception {
        String before = engine.store().serviceSource("checkout").orElseThrow();

        Response updated = call("PUT", "/api/v1/services/checkout", admin, "---\n---\n" + service("checkout", "payments",
                "instances: [{id: i-1, zone: a, pidFile: /run/x.pid}]\n"));

        assertThat(updated.status()).isEqualTo(400);
        assertThat(updated.json().get("errors").findValuesAsText("field")).containsExactly("instances[0].pidFile");
        assertThat(engine.store().serviceSource("checkout")).contains(before);
        assertThat(engine.serviceOrigin("checkout")).isEqualTo(ServiceOrigin.FILE);
    }

    @Test
    void shouldNeverRunACommandOfAServiceThatCameFromTheApiWhateverItsStoredContent() throws Exception {
        // as a store written before this check existed would hold it
        String yaml = service("legacy", "payments", """
                healthChecks: [{type: http, url: "http://127.0.0.1:1/health"}]
                instances: [{id: i-1, zone: a, stopCommand: "touch %s", startCommand: "true"}]
                """.formatted(marker));
        api.definitions.parseServices("legacy.yaml", yaml).forEach(d -> engine.registerService(d, yaml, ServiceOrigin.API));

        String runId = call("POST", "/api/v1/runs", payments, "{\"service\":\"legacy\",\"test\":\"host\"}")
                .json().get("runId").asText();
        JsonNode run = await().atMost(Duration.ofSeconds(30)).until(() -> call("GET", "/api/v1/runs/" + runId, payments,
                null).json(), r -> !r.get("status").asText().equals("RUNNING"));

        JsonNode result = run.get("results").get(0);
        assertThat(result.get("status").asText()).isEqualTo("ERROR");
        assertThat(result.get("message").asText()).contains("fault 'instance-stop' stops processes or runs commands",
                "service 'legacy' was registered over the API");
        assertThat(marker).doesNotExist();
    }

    // ---- hole 5: request forgery through proxy addresses

    @Test
    void shouldRefuseProxyAddressesTheAdminDidNotAllow() throws Exception {
        Response created = call("POST", "/api/v1/services", payments, service("forger", "payments", "")
                + "dependencies:\n  - {id: db, endpoint: \"10.0.0.5:5432\", proxy: {listen: \"0.0.0.0:19001\","
                + " control: \"10.0.0.5:8474\"}}\n  - {id: ok, endpoint: \"127.0.0.1:9001\", proxy: {listen:"
                + " \"127.0.0.1:19001\", control: \"127.0.0.1:8474\"}}\n");

        assertThat(created.status()).isEqualTo(400);
        assertThat(created.json().get("errors").findValuesAsText("field"))
                .containsExactly("dependencies[0].proxy.listen", "dependencies[0].proxy.control");
        assertThat(created.body()).contains("STEADFAST_API_PROXY_ADDRESSES: 127.0.0.1:19001, 127.0.0.1:*",
                "but was '10.0.0.5:8474'");
        assertThat(engine.store().service("forger")).isEmpty();
    }

    @Test
    void shouldRefuseToRunAServiceFromTheApiWhoseStoredProxyAddressesAreNotAllowed() throws Exception {
        // as a store written before the allowlist existed would hold it
        String yaml = service("relay", "payments", "healthChecks: [{type: http, url: \"http://127.0.0.1:1/health\"}]\n"
                + "instances: [{id: i-1, zone: a}]\ndependencies:\n  - {id: db, endpoint: \"127.0.0.1:5432\","
                + " proxy: {listen: \"127.0.0.1:19002\", control: \"10.0.0.5:8474\"}}\n");
        api.definitions.parseServices("relay.yaml", yaml).forEach(d -> engine.registerService(d, yaml, ServiceOrigin.API));

        Response run = call("POST", "/api/v1/runs", payments, "{\"service\":\"relay\"}");

        assertThat(run.status()).isEqualTo(400);
        assertThat(run.body()).contains("dependencies[0].proxy.control must be an address an admin allowed",
                "but was '10.0.0.5:8474'");
    }

    // ---- hole 8: claiming results, and revealing other teams' ids

    @Test
    void shouldLeaveAnIdWithResultsToAnAdminAndAnswerAnotherTeamsIdTheSameWay() throws Exception {
        engine.publish(List.of(new ResultEvent(1, "orphan-1", "orphan", "recommended", "cpu", "", ResultStatus.PASSED,
                null, Instant.now().minusSeconds(60), null, null, null, null, null, null)));
        api.registerFromFile("ledger", service("ledger", "finance", ""));

        Response orphan = call("POST", "/api/v1/services", payments, service("orphan", "payments", ""));
        Response taken = call("POST", "/api/v1/services", payments, service("ledger", "payments", ""));
        Response byAdmin = call("POST", "/api/v1/services", admin, service("orphan", "payments", ""));

        assertThat(orphan.status()).isEqualTo(409);
        assertThat(orphan.body()).contains("service id 'orphan' must be free for team 'payments', but is in use"
                + " outside it; an admin may register it");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.body().replace("ledger", "orphan")).isEqualTo(orphan.body());
        assertThat(taken.body()).doesNotContain("finance").doesNotContain("registered yet");
        assertThat(byAdmin.status()).isEqualTo(201);
        assertThat(engine.store().service("ledger").orElseThrow().team()).isEqualTo("finance");
    }

    // ---- hole 9: time bombs

    @Test
    void shouldRefuseResultsFromTheFutureAndWaiversThatNeverEnd() throws Exception {
        String future = result("checkout", "cpu", "PASSED").replaceFirst("\"finishedAt\":\"[^\"]+\"",
                "\"finishedAt\":\"9999-01-01T00:00:00Z\"");
        Response posted = call("POST", "/api/v1/results", payments, future);
        Response farWaiver = call("POST", "/api/v1/waivers", admin, waiver("cpu", "9999-01-01T00:00:00Z"));
        Response endOfTime = call("POST", "/api/v1/waivers", admin, waiver("cpu", "+1000000000-12-31T23:59:59Z"));

        assertThat(posted.status()).isEqualTo(400);
        assertThat(posted.body()).contains("finishedAt", "must be at most 300 s after now");
        for (Response refused : List.of(farWaiver, endOfTime)) {
            assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        }
        assertThat(farWaiver.body()).contains("waiver expiresAt must be at most 365 days ahead");
        assertThat(engine.store().waivers("checkout")).isEmpty();
    }

    // ---- hole 10: a reused result id

    @Test
    void shouldAnswer409ForAResultIdStoredWithOtherContent() throws Exception {
        String first = result("checkout", "memory", "PASSED");
        String id = Json.mapper().readTree(first).get("resultId").asText();
        assertThat(call("POST", "/api/v1/results", payments, first).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.store().result(id).isPresent());

        Response again = call("POST", "/api/v1/results", payments, first);
        Response changed = call("POST", "/api/v1/results", payments, first.replace("PASSED", "FAILED"));

        assertThat(again.status()).as("the same result again is a duplicate, stored once").isEqualTo(202);
        assertThat(changed.status()).isEqualTo(409);
        assertThat(changed.body()).contains("result '" + id + "' is stored with other content");
        assertThat(engine.store().result(id).orElseThrow().status()).isEqualTo(ResultStatus.PASSED);
    }

    // ---- hole 14: expiring tokens, redaction, unknown tests in waivers

    @Test
    void shouldStopAcceptingATokenOnceItExpires() throws Exception {
        String brief = api.injector.getInstance(Tokens.class).create(Role.VIEWER, null, Optional.of(Duration.ofSeconds(2)))
                .token();

        assertThat(call("GET", "/api/v1/services", brief, null).status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> call("GET", "/api/v1/services", brief, null).status() == 401);
        assertThat(api.injector.getInstance(Tokens.class).create(Role.VIEWER, null).stored().expiresAt())
                .isBetween(Instant.now().plus(Duration.ofDays(89)), Instant.now().plus(Duration.ofDays(91)));
    }

    @Test
    void shouldShowProcessControlToAdminsOnly() throws Exception {
        JsonNode asViewer = call("GET", "/api/v1/services/checkout", viewer, null).json();
        JsonNode asOwner = call("GET", "/api/v1/services", payments, null).json();
        JsonNode asAdmin = call("GET", "/api/v1/services/checkout", admin, null).json();

        assertThat(asViewer.get("instances").get(0).get("stopCommand").asText()).isEqualTo("<redacted>");
        assertThat(asViewer.toString()).doesNotContain(marker.toString());
        assertThat(asOwner.toString()).doesNotContain(marker.toString());
        assertThat(asAdmin.get("instances").get(0).get("stopCommand").asText()).isEqualTo("touch " + marker);
    }

    @Test
    void shouldRefuseAWaiverForATestNoStandardHas() throws Exception {
        Response refused = call("POST", "/api/v1/waivers", admin, waiver("no-such-test", Instant.now()
                .plus(Duration.ofDays(7)).toString()));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body()).contains("waiver test must be a test of a standard's suites (", "cpu",
                "but was 'no-such-test'");
        assertThat(engine.store().waivers("checkout")).isEmpty();
    }

    // ---- helpers

    private static String waiver(String test, String expiresAt) {
        return "{\"service\":\"checkout\",\"test\":\"" + test + "\",\"reason\":\"r\",\"approvedBy\":\"p\","
                + "\"expiresAt\":\"" + expiresAt + "\"}";
    }

    private static Response call(String method, String path, String token, String body) throws Exception {
        return api.call(method, path, token, body);
    }
}
