package io.steadfast.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.inject.Injector;
import io.steadfast.app.Engine;
import io.steadfast.http.ApiServer.Response;
import io.steadfast.json.Json;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP API on a real server (free port) with the production wiring: an embedded Kafka broker,
 * ingest, an H2 store; requests made with a real HTTP client and real tokens.
 */
class HttpApiIntegrationTest {

    @TempDir
    static Path temp;

    private static ApiServer api;
    private static Injector injector;
    private static Engine engine;
    private static String admin;
    private static String payments;
    private static String viewer;
    private static String paymentsViewer;
    private static String ci;

    @BeforeAll
    static void start() {
        api = ApiServer.start(temp, null, Map.of());
        injector = api.injector;
        engine = api.engine;
        for (String[] s : List.of(new String[] {"checkout", "payments"}, new String[] {"refunds", "payments"},
                new String[] {"ledger", "finance"})) {
            api.registerFromFile(s[0], service(s[0], s[1], ""));
        }
        admin = api.token(Role.ADMIN, null);
        payments = api.token(Role.OWNER, "payments");
        viewer = api.token(Role.VIEWER, null);
        paymentsViewer = api.token(Role.VIEWER, "payments");
        ci = api.token(Role.CI, "payments");
    }

    @AfterAll
    static void stop() {
        if (api != null) {
            api.close();
        }
    }

    // ---- access control

    @Test
    void shouldAnswer401WithoutATokenOrWithAnUnknownOne() throws Exception {
        Response none = call("GET", "/api/v1/services", null, null);
        Response bad = call("GET", "/api/v1/services", "not-a-token", null);
        Response unknownRoute = call("GET", "/api/v1/no-such-route", null, null);

        for (Response r : List.of(none, bad, unknownRoute)) {
            assertThat(r.status()).isEqualTo(401);
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("Authorization");
            assertThat(r.body()).doesNotContain("checkout").doesNotContain("Exception").doesNotContain("at io.");
        }
    }

    @Test
    void shouldServeHealthReadyMetricsAndTheDashboardShellWithoutATokenOrServiceData() throws Exception {
        Response health = call("GET", "/health", null, null);
        Response ready = call("GET", "/ready", null, null);
        Response metrics = call("GET", "/metrics", null, null);
        Response shell = call("GET", "/", null, null);

        assertThat(health.status()).isEqualTo(200);
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("store").asText()).isEqualTo("UP");
        assertThat(ready.json().get("broker").asText()).isEqualTo("UP");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("steadfast_results_stored_total").contains("http_server_requests_seconds");
        assertThat(shell.status()).isEqualTo(200);
        assertThat(shell.body()).containsIgnoringCase("<html");
        for (Response r : List.of(health, ready, metrics, shell)) {
            assertThat(r.body()).doesNotContain("checkout").doesNotContain("ledger").doesNotContain("payments");
        }
    }

    @Test
    void shouldLetEachRoleDoWhatItMayAndNoMore() throws Exception {
        String body = service("role-check", "payments", "");
        assertThat(call("GET", "/api/v1/services", viewer, null).status()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/standards", ci, null).status()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/services", viewer, body).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/services", ci, body).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/results", viewer, result("checkout", "cpu", "PASSED")).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/gates/checkout", viewer, null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/gates/checkout", ci, null).status()).isIn(200, 409);
        assertThat(call("POST", "/api/v1/definitions/reload", payments, null).status()).isEqualTo(403);
        assertThat(call("POST", "/api/v1/definitions/reload", admin, null).status()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/runs", ci, "{\"service\":\"checkout\"}").status()).isEqualTo(403);
        String waiver = "{\"service\":\"checkout\",\"test\":\"cpu\",\"reason\":\"r\",\"approvedBy\":\"platform\","
                + "\"expiresAt\":\"" + Instant.now().plus(Duration.ofDays(3)) + "\"}";
        assertThat(call("POST", "/api/v1/waivers", payments, waiver).status()).isEqualTo(403);
        Response added = call("POST", "/api/v1/waivers", admin, waiver);
        assertThat(added.status()).isEqualTo(201);
        assertThat(call("DELETE", "/api/v1/waivers/" + added.json().get("id").asText(), payments, null).status())
                .isEqualTo(403);
        assertThat(call("DELETE", "/api/v1/waivers/" + added.json().get("id").asText(), admin, null).status())
                .isEqualTo(204);
        Response created = call("POST", "/api/v1/services", payments, body);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(call("GET", "/api/v1/whoami", ci, null).json().get("role").asText()).isEqualTo("ci");
    }

    @Test
    void shouldHideAnotherTeamsServiceBehind404AndRefuseToWriteIt() throws Exception {
        Response other = call("GET", "/api/v1/services/ledger", payments, null);
        Response missing = call("GET", "/api/v1/services/no-such-service", payments, null);
        assertThat(other.status()).isEqualTo(404);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(other.body()).isEqualTo(missing.body().replace("no-such-service", "ledger"));
        assertThat(call("GET", "/api/v1/scores/ledger", paymentsViewer, null).status()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/gates/ledger", ci, null).status()).isEqualTo(404);
        assertThat(call("PUT", "/api/v1/services/ledger", payments, service("ledger", "payments", "")).status())
                .isEqualTo(404);
        assertThat(call("POST", "/api/v1/services", payments, service("new-finance", "finance", "")).status())
                .isEqualTo(403);
        assertThat(call("GET", "/api/v1/services/ledger", admin, null).status()).isEqualTo(200);

        Response posted = call("POST", "/api/v1/results", payments,
                "[" + result("ledger", "cpu", "PASSED") + "," + result("checkout", "cpu", "PASSED") + "]");
        assertThat(posted.status()).isEqualTo(202);
        assertThat(posted.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(posted.json().get("rejected").get(0).get("index").asInt()).isZero();
        assertThat(posted.json().get("rejected").get(0).get("errors").get(0).get("field").asText()).isEqualTo("service");

        JsonNode services = call("GET", "/api/v1/services", payments, null).json();
        assertThat(services.findValuesAsText("team")).isNotEmpty().containsOnly("payments");
        JsonNode org = call("GET", "/api/v1/scores", paymentsViewer, null).json();
        assertThat(org.get("services").findValuesAsText("service")).contains("checkout").doesNotContain("ledger");
        assertThat(call("GET", "/api/v1/scores", admin, null).json().get("services").findValuesAsText("service"))
                .contains("checkout", "ledger");
    }

    @Test
    void shouldRefuseProcessControlOverTheApiEvenFromAnAdmin() throws Exception {
        String withPid = service("pid-service", "payments",
                "instances: [{id: i-1, zone: a, pidFile: /run/x.pid}, {id: i-2, zone: b, startCommand: ./start}]\n");

        Response refused = call("POST", "/api/v1/services", admin, withPid);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("errors").findValuesAsText("field"))
                .containsExactlyInAnyOrder("instances[0].pidFile", "instances[1].startCommand");
        assertThat(call("GET", "/api/v1/services/pid-service", admin, null).status()).isEqualTo(404);
    }

    @Test
    void shouldListEveryValidationErrorAtOnce() throws Exception {
        String bad = """
                apiVersion: steadfast/v1
                kind: Service
                id: Not_A_Slug
                team: payments
                tier: tier-9
                instances: [{id: i-1, zone: a, stopCommand: "kill 1"}]
                """;

        Response service = call("POST", "/api/v1/services", payments, bad);
        Response query = call("GET", "/api/v1/results?from=yesterday&limit=0", viewer, null);

        assertThat(service.status()).isEqualTo(400);
        assertThat(service.json().get("errors").findValuesAsText("field"))
                .contains("id", "tier", "instances[0].stopCommand");
        assertThat(query.status()).isEqualTo(400);
        assertThat(query.json().get("errors").findValuesAsText("field")).containsExactlyInAnyOrder("service", "from", "limit");
    }

    // ---- results, scores and gates

    @Test
    void shouldStoreResultsPostedOverHttpThroughTheBrokerAndRecordWhoPostedThem() throws Exception {
        String cpu = result("refunds", "cpu", "PASSED");
        String memory = result("refunds", "memory", "PASSED");
        String bad = "{\"schemaVersion\":1,\"service\":\"refunds\"}";

        Response posted = call("POST", "/api/v1/results", ci, "[" + cpu + "," + bad + "," + memory + "]");

        assertThat(posted.status()).isEqualTo(202);
        assertThat(posted.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(posted.json().get("rejected")).hasSize(1);
        assertThat(posted.json().get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(posted.json().get("rejected").get(0).get("errors").findValuesAsText("field")).contains("resultId");
        String cpuId = Json.mapper().readTree(cpu).get("resultId").asText();
        String memoryId = Json.mapper().readTree(memory).get("resultId").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.store().result(cpuId).isPresent()
                && engine.store().result(memoryId).isPresent());
        assertThat(call("GET", "/metrics", null, null).body()).as("consumer lag, in total and per partition read")
                .containsPattern("steadfast_ingest_lag \\d")
                .containsPattern("steadfast_ingest_partition_lag\\{partition=\"\\d+\",topic=\"steadfast\\.results\"} \\d");
        String ciId = call("GET", "/api/v1/whoami", ci, null).json().get("token").asText();
        assertThat(engine.store().poster(cpuId)).contains(ciId);
        JsonNode listed = call("GET", "/api/v1/results?service=refunds&test=cpu", viewer, null).json();
        assertThat(listed.findValuesAsText("resultId")).containsExactly(cpuId);

        Response retract = call("POST", "/api/v1/results/" + cpuId + "/retract", payments, "{\"reason\":\"bad probe\"}");
        assertThat(retract.status()).as(retract.body()).isEqualTo(200);
        assertThat(engine.store().retractedIds("refunds")).contains(cpuId);
        assertThat(call("POST", "/api/v1/results/" + cpuId + "/retract", payments, "{\"reason\":\"again\"}").status())
                .isEqualTo(409);
    }

    @Test
    void shouldRefuseAResultThatRepeatsAKeyNamingTheKeyAndStoreNothing() throws Exception {
        String cpu = result("refunds", "cpu", "FAILED");
        String twice = cpu.replace("\"status\":\"FAILED\"", "\"status\":\"FAILED\",\"status\":\"PASSED\"");

        Response posted = call("POST", "/api/v1/results", ci, "[" + twice + "]");

        assertThat(posted.status()).isEqualTo(400);
        assertThat(posted.json().get("errors").get(0).get("field").asText()).isEqualTo("status");
        assertThat(posted.json().get("errors").get(0).get("message").asText())
                .startsWith("must appear once in its object, but was repeated at line 1, column ");
        assertThat(engine.store().poster(Json.mapper().readTree(cpu).get("resultId").asText())).isEmpty();
    }

    @Test
    void shouldAnswerTheGateWith200WhenItPassesAnd409WhenItFailsRecordingOnlyOnPost() throws Exception {
        String results = "[" + String.join(",", result("checkout", "cpu", "PASSED"), result("checkout", "memory", "PASSED"),
                result("checkout", "host", "PASSED"), result("checkout", "zone", "a", "FAILED")) + "]";
        Response posted = call("POST", "/api/v1/results", payments, results);
        assertThat(posted.json().get("accepted").asInt()).as(posted.body()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.store().latestCountedResults("checkout").size() >= 4);
        int recorded = engine.store().gateDecisions("checkout").size();

        Response pass = call("GET", "/api/v1/gates/checkout", ci, null);
        Response fail = call("GET", "/api/v1/gates/refunds?failOn=warn", ci, null);
        Response none = call("GET", "/api/v1/gates/role-check-none", ci, null);

        assertThat(pass.status()).as(pass.body()).isEqualTo(200);
        assertThat(pass.json().get("outcome").asText()).isEqualTo("PASS");
        assertThat(pass.json().get("thresholds").has("pass")).isTrue();
        assertThat(pass.json().get("standardHash").asText()).hasSize(64);
        assertThat(fail.status()).as(fail.body()).isEqualTo(409);
        assertThat(fail.json().get("outcome").asText()).isEqualTo("FAIL");
        assertThat(none.status()).isEqualTo(404);
        assertThat(engine.store().gateDecisions("checkout")).hasSize(recorded);

        Response recordedPass = call("POST", "/api/v1/gates/checkout", ci, null);
        assertThat(recordedPass.status()).isEqualTo(200);
        assertThat(engine.store().gateDecisions("checkout")).hasSize(recorded + 1);
        assertThat(call("GET", "/metrics", null, null).body())
                .containsPattern("steadfast_gate_decisions_total\\{outcome=\"PASS\",recorded=\"true\"} [1-9]");
    }

    @Test
    void shouldServeExactlyTheScoreJsonOfTheCli() throws Exception {
        Instant at = Instant.parse("2030-01-01T00:00:00Z");

        Response score = call("GET", "/api/v1/scores/checkout?at=" + at, viewer, null);

        assertThat(score.status()).isEqualTo(200);
        String cli = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(
                engine.evaluate("checkout", new Engine.ScoreQuery(at, null, null, null)).report());
        assertThat(score.body()).isEqualTo(cli);
        assertThat(call("GET", "/api/v1/scores/checkout?at=soon", viewer, null).status()).isEqualTo(400);
        JsonNode history = call("GET", "/api/v1/scores/checkout/history", viewer, null).json();
        assertThat(history.isArray()).isTrue();
        history.forEach(point -> assertThat(point.has("at") && point.has("score") && point.has("verdict")
                && point.has("coverage") && point.has("standard")).isTrue());
        JsonNode latest = call("GET", "/api/v1/scores/checkout/history?limit=1&from=2020-01-01T00:00:00Z", viewer,
                null).json();
        assertThat(latest).hasSize(Math.min(1, history.size()));
        if (!history.isEmpty()) {
            assertThat(latest.get(0)).isEqualTo(history.get(history.size() - 1));
        }
        assertThat(call("GET", "/api/v1/scores/checkout/history?from=soon&limit=0", viewer, null).json()
                .get("errors").findValuesAsText("field")).containsExactly("from", "limit");
        assertThat(call("GET", "/api/v1/scores/checkout/history?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z",
                viewer, null).status()).isEqualTo(400);
        JsonNode org = call("GET", "/api/v1/scores?team=payments", admin, null).json();
        assertThat(org.get("teams").findValuesAsText("team")).containsExactly("payments");
        assertThat(org.get("bands").has("good") && org.get("bands").has("fair") && org.get("bands").has("poor")).isTrue();
        assertThat(org.get("meetingShare")).hasSize(30);
        assertThat(org.has("biggestDrops")).isTrue();
    }

    // ---- runs

    @Test
    void shouldValidateARunRequestAndHideAnotherTeamsService() throws Exception {
        assertThat(call("POST", "/api/v1/runs", payments, "{}").json().get("errors").findValuesAsText("field"))
                .containsExactly("service");
        assertThat(call("POST", "/api/v1/runs", payments, "{\"service\":\"ledger\"}").status()).isEqualTo(404);
        assertThat(call("POST", "/api/v1/runs", payments, "{\"service\":\"checkout\",\"suite\":\"nope\"}").status())
                .isEqualTo(400);
        assertThat(call("GET", "/api/v1/runs/run-unknown", viewer, null).status()).isEqualTo(404);
    }

    // ---- the OpenAPI document

    @Test
    void shouldDocumentEveryRouteAndOnlyRoutesThatExist() throws Exception {
        JsonNode doc = call("GET", "/api/v1/openapi.json", viewer, null).json();
        Set<String> documented = new TreeSet<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.get("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            path.getValue().fieldNames().forEachRemaining(method ->
                    documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + path.getKey()));
        }
        Set<String> registered = new TreeSet<>();
        injector.getInstance(HttpServer.class).registeredEndpoints().stream()
                .filter(e -> e.contains(" /api/v1/")).forEach(registered::add);

        assertThat(doc.get("openapi").asText()).startsWith("3.");
        assertThat(registered).hasSizeGreaterThan(20);
        assertThat(documented).isEqualTo(registered);
    }

    // ---- hardening: headers, error shapes, sizes

    @Test
    void shouldSendTheSecurityHeadersOnApiAnswersErrorsAndTheDashboard() throws Exception {
        Response services = call("GET", "/api/v1/services", viewer, null);
        Response refused = call("GET", "/api/v1/services", null, null);
        Response shell = call("GET", "/", null, null);
        Response script = call("GET", "/app.js", null, null);

        for (Response r : List.of(services, refused, shell, script)) {
            assertThat(r.headers().firstValue("Content-Security-Policy")).get().asString()
                    .contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'");
            assertThat(r.headers().firstValue("X-Frame-Options")).contains("DENY");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
        assertThat(services.status()).isEqualTo(200);
        assertThat(services.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(refused.headers().firstValue("Cache-Control")).contains("no-store");
        assertThat(shell.body()).contains("<script type=\"module\" src=\"app.js\">");
    }

    @Test
    void shouldServeEachOfTheDashboardsModulesAsJavaScript() throws Exception {
        // from the entry, every module it imports and every module those import, as a browser would load them
        Pattern imports = Pattern.compile("^import\\s[^;]*?from\\s+'([^']+)';", Pattern.MULTILINE);
        Set<String> served = new TreeSet<>();
        Deque<String> next = new ArrayDeque<>(List.of("/app.js"));
        while (!next.isEmpty()) {
            String path = next.pop();
            if (!served.add(path)) {
                continue;
            }
            Response module = call("GET", path, null, null);
            assertThat(module.status()).as(path).isEqualTo(200);
            assertThat(module.headers().firstValue("Content-Type")).as(path).get().asString()
                    .matches("(text|application)/javascript(;.*)?");
            assertThat(module.headers().firstValue("X-Content-Type-Options")).as(path).contains("nosniff");
            Matcher m = imports.matcher(module.body());
            while (m.find()) {
                assertThat(m.group(1)).as("an import of %s", path).matches("\\.\\.?/[\\w/-]+\\.js");
                next.add(URI.create("http://dashboard" + path).resolve(m.group(1)).getPath());
            }
        }

        assertThat(served).containsExactlyInAnyOrder("/app.js", "/js/api.js", "/js/dom.js", "/js/format.js",
                "/js/charts.js", "/js/pages/org.js", "/js/pages/team.js", "/js/pages/service.js",
                "/js/pages/standards.js", "/js/pages/services-table.js");
        assertThat(call("GET", "/app.css", null, null).headers().firstValue("Content-Type")).get().asString()
                .startsWith("text/css");
    }

    @Test
    void shouldAnswerRequestsJettyRefusesInTheJsonErrorShape() throws Exception {
        Response badPath = call("GET", "/%00", null, null);
        Response longQuery = call("GET", "/api/v1/services?service=" + "a".repeat(10 * 1024), viewer, null);

        assertThat(badPath.status()).isEqualTo(400);
        assertThat(longQuery.status()).isEqualTo(414);
        assertThat(longQuery.json().get("errors").get(0).get("message").asText())
                .isEqualTo("request URI must be at most 8192 bytes, but was longer");
        for (Response r : List.of(badPath, longQuery)) {
            assertThat(r.headers().firstValue("Content-Type")).get().asString().startsWith("application/json");
            assertThat(r.json().get("errors")).singleElement().satisfies(e -> assertThat(e.get("message").asText())
                    .startsWith("request "));
            assertThat(r.body()).doesNotContain("<html", "Jetty");
            assertThat(r.headers().firstValue("X-Content-Type-Options")).contains("nosniff");
        }
    }

    @Test
    void shouldNameNoParserInternalsWhenABodyIsNotJson() throws Exception {
        Response unfinished = call("POST", "/api/v1/results", ci, "{\"service\":");
        Response deep = call("POST", "/api/v1/results", ci, "[".repeat(1500));

        assertThat(unfinished.status()).isEqualTo(400);
        assertThat(unfinished.json().get("errors").get(0).get("message").asText())
                .startsWith("must be valid JSON, but was not: Unexpected end-of-input").endsWith("(line 1, column 12)");
        assertThat(deep.status()).isEqualTo(400);
        assertThat(deep.json().get("errors").get(0).get("message").asText())
                .isEqualTo("must be valid JSON, but was not: Document nesting depth (1001) exceeds the maximum allowed"
                        + " (1000)");
        for (Response r : List.of(unfinished, deep)) {
            assertThat(r.body()).doesNotContain("Source:", "`", "com.fasterxml", "StreamRead", "REDACTED");
        }
    }

    @Test
    void shouldRefuseTooLongReasonsWith400BeforeTheStore() throws Exception {
        String host = result("refunds", "host", "PASSED");
        String hostId = Json.mapper().readTree(host).get("resultId").asText();
        assertThat(call("POST", "/api/v1/results", ci, host).status()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(60)).until(() -> engine.store().result(hostId).isPresent());
        int waivers = engine.store().waivers(null).size();

        Response retract = call("POST", "/api/v1/results/" + hostId + "/retract", payments,
                "{\"reason\":\"" + "r".repeat(4001) + "\"}");
        Response waiver = call("POST", "/api/v1/waivers", admin, "{\"service\":\"checkout\",\"test\":\"cpu\","
                + "\"reason\":\"" + "r".repeat(4001) + "\",\"approvedBy\":\"" + "p".repeat(201) + "\",\"expiresAt\":\""
                + Instant.now().plus(Duration.ofDays(3)) + "\"}");

        assertThat(retract.status()).as(retract.body()).isEqualTo(400);
        assertThat(retract.json().get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("field").asText()).isEqualTo("reason");
            assertThat(e.get("message").asText()).isEqualTo("must be at most 4000 characters long, but was 4001");
        });
        assertThat(engine.store().retractedIds("refunds")).doesNotContain(hostId);
        assertThat(waiver.status()).as(waiver.body()).isEqualTo(400);
        assertThat(waiver.json().get("errors").findValuesAsText("field")).containsExactly("reason", "approvedBy");
        assertThat(waiver.body()).doesNotContain("Value too long", "REASON");
        assertThat(engine.store().waivers(null)).hasSize(waivers);
    }

    // ---- helpers

    private static Response call(String method, String path, String token, String body) throws Exception {
        return api.call(method, path, token, body);
    }

    static String service(String id, String team, String instances) {
        return """
                apiVersion: steadfast/v1
                kind: Service
                id: %s
                team: %s
                tier: tier-2
                environment: production
                """.formatted(id, team) + (instances.isEmpty() ? "instances: [{id: i-1, zone: a}]\n" : instances);
    }

    static String result(String service, String test, String status) {
        return result(service, test, "", status);
    }

    static String result(String service, String test, String target, String status) {
        Instant finished = Instant.now().minusSeconds(60);
        return "{\"schemaVersion\":1,\"resultId\":\"" + UUID.randomUUID() + "\",\"service\":\"" + service
                + "\",\"suite\":\"recommended\",\"test\":\"" + test + "\",\"target\":\"" + target + "\",\"status\":\""
                + status + "\",\"startedAt\":\"" + finished.minusSeconds(30) + "\",\"finishedAt\":\"" + finished + "\"}";
    }

    static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-suites"))) {
            dir = dir.getParent();
        }
        return dir;
    }
}
