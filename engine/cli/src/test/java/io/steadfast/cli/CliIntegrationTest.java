package io.steadfast.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.steadfast.json.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class CliIntegrationTest {

    private static final String API = """
            apiVersion: steadfast/v1
            kind: Service
            id: api
            name: API
            team: core
            tier: tier-2
            environment: production
            instances:
              - {id: api-1, zone: a}
            """;

    private static final String CHECKOUT = """
            apiVersion: steadfast/v1
            kind: Service
            id: checkout
            team: payments
            tier: tier-1
            environment: production
            instances:
              - {id: checkout-1, zone: a}
            """;

    @TempDir
    Path temp;

    CliHarness cli;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void setUp() {
        cli = new CliHarness(temp.resolve("data"));
    }

    private void register(String name, String yaml) {
        CliHarness.Run run = cli.run("services", "register", cli.write(name, yaml).toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    private CliHarness.Run publish(String name, String... lines) {
        return cli.run("results", "publish", cli.write(name, String.join("\n", lines) + "\n").toString());
    }

    private void publishAllPassed(String service, String version) {
        Instant at = now.minus(Duration.ofHours(1));
        CliHarness.Run run = publish(service + "-passed.jsonl",
                CliHarness.result(service, "cpu", "", "PASSED", at, version),
                CliHarness.result(service, "memory", "", "PASSED", at, version),
                CliHarness.result(service, "host", "", "PASSED", at, version),
                CliHarness.result(service, "zone", "a", "PASSED", at, version));
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void shouldValidateShippedDefinitions() {
        CliHarness.Run run = cli.run("validate");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).startsWith("ok:");
    }

    @Test
    void shouldListEveryErrorOfAFileWithLineAndExitOne() {
        Path bad = cli.write("bad.yaml", """
                apiVersion: steadfast/v1
                kind: Service
                id: Bad_Id
                team: core
                tier: tier-9
                colour: blue
                """);

        CliHarness.Run run = cli.run("validate", bad.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(bad + ":3:").contains(bad + ":5:").contains(bad + ":6:")
                .contains("3 problems found");
    }

    @Test
    void shouldRefuseAStandardOfAliasesOfAliasesQuicklyWithExitOne() {
        StringBuilder tree = new StringBuilder("testWeights:\n  a0: &a0 {x: 1}\n");
        for (int i = 1; i <= 22; i++) {
            tree.append("  a").append(i).append(": &a").append(i).append(" {l: *a").append(i - 1).append(", r: *a")
                    .append(i - 1).append("}\n");
        }
        Path bomb = cli.write("bomb.yaml", """
                apiVersion: steadfast/v1
                kind: Standard
                id: base
                abstract: true
                """ + tree + """
                ---
                apiVersion: steadfast/v1
                kind: Standard
                id: child
                extends: base
                suites: [recommended]
                """ + tree);

        CliHarness.Run run = cli.run("validate", bomb.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains(bomb + ":21:17: testWeights.a15.l: document must have at most 100000 nodes"
                + " with its aliases expanded, but was larger from here on");
    }

    @Test
    void shouldReportAServiceThatTwoStandardsMatchEqually() {
        String standard = """
                apiVersion: steadfast/v1
                kind: Standard
                id: %s
                appliesTo: {team: [core]}
                suites: [recommended]
                """;
        Path first = cli.write("first.yaml", standard.formatted("core-a"));
        Path second = cli.write("second.yaml", standard.formatted("core-b"));
        Path service = cli.write("api.yaml", API);

        CliHarness.Run run = cli.run("validate", service.toString(), first.toString(), second.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("'core-a'").contains("'core-b'").contains("'api'");
    }

    @Test
    void shouldRegisterNothingWhenOneOfTheFilesIsBad() {
        Path good = cli.write("api.yaml", API);
        Path bad = cli.write("bad.yaml", CHECKOUT.replace("tier: tier-1", "tier: gold"));

        CliHarness.Run run = cli.run("services", "register", good.toString(), bad.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ":").contains("tier");
        assertThat(cli.run("services", "list").out()).contains("no services registered");
    }

    @Test
    void shouldScoreAPassingServiceAndLetItsGatePass() {
        register("api.yaml", API);
        publishAllPassed("api", null);

        CliHarness.Run score = cli.run("score", "api");
        CliHarness.Run gate = cli.run("gate", "api");

        assertThat(score.out()).contains("api: 100.0 / 100  PASS  standard org-default");
        assertThat(gate.exitCode()).as(gate.err()).isZero();
        assertThat(gate.out()).startsWith("gate PASS");
    }

    @Test
    void shouldStoreGoodRecordsAndReportBadOnesWithTheirLine() {
        register("api.yaml", API);
        Instant at = now.minus(Duration.ofHours(1));

        CliHarness.Run run = publish("mixed.jsonl",
                CliHarness.result("api", "cpu", "", "PASSED", at, null),
                "{\"schemaVersion\":1,\"resultId\":\"x\",\"service\":\"api\",\"suite\":\"recommended\",\"test\":\"memory\",\"status\":\"OK\",\"finishedAt\":\"" + at + "\"}",
                "not json",
                CliHarness.result("api", "host", "", "PASSED", at, null));

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("mixed.jsonl:2: status: must be one of").contains("mixed.jsonl:3: ");
        assertThat(run.out()).contains("stored 2, already stored 0, rejected 2");
        assertThat(cli.run("score", "api", "--explain").out()).contains("cpu").containsPattern("host\\s+-\\s+PASSED");
    }

    @Test
    void shouldRefuseAResultHoldingANulWithItsLine() {
        register("api.yaml", API);
        Instant at = now.minus(Duration.ofHours(1));
        String poisoned = CliHarness.result("api", "cpu", "", "PASSED", at, null)
                .replace("\"suite\":\"recommended\"", "\"suite\":\"recommended\",\"environment\":\"prod\\u0000\"");

        CliHarness.Run run = publish("poisoned.jsonl", CliHarness.result("api", "host", "", "PASSED", at, null), poisoned);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("poisoned.jsonl:2: environment: must not hold control characters, but held U+0000 at index 4");
        assertThat(run.out()).contains("stored 1, already stored 0, rejected 1");
    }

    @Test
    void shouldRefuseARetractionReasonHoldingAControlCharacter() {
        register("api.yaml", API);
        publishAllPassed("api", null);

        CliHarness.Run run = cli.run("results", "retract", "no-such-result", "--reason", "bad\u0007probe");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("retraction reason must not hold control characters, but held U+0007 at index 3");
    }

    @Test
    void shouldStoreADuplicateResultOnce() {
        register("api.yaml", API);
        Path file = cli.write("once.jsonl", CliHarness.result("api", "cpu", "", "PASSED", now, null) + "\n");

        cli.run("results", "publish", file.toString());
        CliHarness.Run again = cli.run("results", "publish", file.toString());

        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("stored 0, already stored 1, rejected 0");
    }

    @Test
    void shouldFailTheGateWithExitOneAndWriteJunitReport() throws Exception {
        register("checkout.yaml", CHECKOUT);
        Instant at = now.minus(Duration.ofHours(1));
        publish("checkout.jsonl",
                CliHarness.result("checkout", "cpu", "", "PASSED", at, "1.0.0"),
                CliHarness.result("checkout", "host", "", "FAILED", at, "1.0.0"));
        Path junit = temp.resolve("reports/gate.xml");

        CliHarness.Run gate = cli.run("gate", "checkout", "--version", "1.0.0", "--junit", junit.toString());

        assertThat(gate.exitCode()).as(gate.err()).isEqualTo(1);
        assertThat(gate.out()).startsWith("gate FAIL").contains("host");
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("2");
        assertThat(xml.getElementsByTagName("testcase").getLength()).isGreaterThan(2);
    }

    @Test
    void shouldRefuseASameVersionGateWithoutVersionAsUsageError() {
        register("checkout.yaml", CHECKOUT);

        CliHarness.Run gate = cli.run("gate", "checkout");

        assertThat(gate.exitCode()).isEqualTo(2);
        assertThat(gate.err()).startsWith("error: ").contains("version").doesNotContain("Exception");
    }

    @Test
    void shouldRejectUnknownOptionAndBadInstantWithExitTwo() {
        assertThat(cli.run("score", "api", "--frobnicate").exitCode()).isEqualTo(2);
        CliHarness.Run badAt = cli.run("score", "api", "--at", "yesterday");
        assertThat(badAt.exitCode()).isEqualTo(2);
        assertThat(badAt.err()).contains("must be an ISO-8601 instant");
    }

    @Test
    void shouldFollowOnNoDataForAnUnknownService() {
        assertThat(cli.run("gate", "ghost").exitCode()).isEqualTo(1);
        assertThat(cli.run("gate", "ghost", "--on-no-data", "pass").exitCode()).isZero();
    }

    @Test
    void shouldPrintJsonThatFollowsTheShippedSchema() throws Exception {
        register("api.yaml", API);
        publishAllPassed("api", "2.0.0");
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(cli.root.resolve("docs/schema/score-report.schema.json")));

        for (String service : new String[] {"api", "ghost"}) {
            CliHarness.Run run = cli.run("score", service, "--json");
            JsonNode json = Json.mapper().readTree(run.out());
            Set<ValidationMessage> problems = schema.validate(json);
            assertThat(problems).as(run.out()).isEmpty();
        }
        JsonNode api = Json.mapper().readTree(cli.run("score", "api", "--json").out());
        assertThat(api.get("score").decimalValue()).isEqualByComparingTo("100.0");
        JsonNode ghost = Json.mapper().readTree(cli.run("score", "ghost", "--json").out());
        assertThat(ghost.get("verdict").asText()).isEqualTo("NO_DATA");
        assertThat(ghost.has("score")).isTrue();
        assertThat(ghost.get("score").isNull()).isTrue();
    }

    @Test
    void shouldPrintRollupsThatFollowTheShippedSchema() throws Exception {
        register("api.yaml", API);
        register("checkout.yaml", CHECKOUT);
        publishAllPassed("api", null);
        JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(Files.readString(cli.root.resolve("docs/schema/rollup.schema.json")));

        for (String[] args : new String[][] {{"--org"}, {"--team", "core"}, {"--team", "payments"}}) {
            CliHarness.Run run = cli.run(concat(new String[] {"score"}, args, new String[] {"--json"}));
            assertThat(run.exitCode()).as(run.err()).isZero();
            assertThat(schema.validate(Json.mapper().readTree(run.out()))).as(run.out()).isEmpty();
        }
        JsonNode org = Json.mapper().readTree(cli.run("score", "--org", "--json").out());
        assertThat(org.get("services").intValue()).isEqualTo(2);
        assertThat(org.get("scored").intValue()).isEqualTo(1);
        assertThat(org.get("members").findValuesAsText("verdict")).containsExactly("PASS", "NO_DATA");
    }

    private static String[] concat(String[]... parts) {
        return java.util.Arrays.stream(parts).flatMap(java.util.Arrays::stream).toArray(String[]::new);
    }

    @Test
    void shouldStopCountingARetractedResult() {
        register("api.yaml", API);
        String failed = CliHarness.result("api", "cpu", "", "FAILED", now.minusSeconds(60), null);
        publishAllPassed("api", null);
        publish("failed.jsonl", failed);
        String id = failed.replaceAll(".*\"resultId\":\"([^\"]+)\".*", "$1");
        String before = cli.run("score", "api").out();

        CliHarness.Run retract = cli.run("results", "retract", id, "--reason", "wrong cluster");

        assertThat(retract.exitCode()).as(retract.err()).isZero();
        assertThat(before).doesNotContain("100.0 / 100");
        assertThat(cli.run("score", "api").out()).contains("100.0 / 100");
        assertThat(cli.run("results", "retract", "no-such-id", "--reason", "x").exitCode()).isEqualTo(2);
    }

    @Test
    void shouldIgnoreResultsAfterTheAskedInstant() {
        register("api.yaml", API);
        publishAllPassed("api", null);

        CliHarness.Run past = cli.run("score", "api", "--at", now.minus(Duration.ofDays(1)).toString());

        assertThat(past.out()).contains("NO_DATA");
    }

    @Test
    void shouldKeepHistoryOfScoreChanges() {
        register("api.yaml", API);
        publish("one.jsonl", CliHarness.result("api", "cpu", "", "PASSED", now.minusSeconds(60), null));
        publishAllPassed("api", null);

        CliHarness.Run history = cli.run("history", "api");

        assertThat(history.out().lines().filter(l -> l.contains("org-default")).count()).isEqualTo(2);
        assertThat(history.out()).contains("100.0");
    }

    @Test
    void shouldAddListAndRevokeWaivers() {
        register("checkout.yaml", CHECKOUT);
        CliHarness.Run add = cli.run("waivers", "add", "--service", "checkout", "--test", "host", "--reason",
                "rebuilding the cluster", "--approved-by", "platform", "--expires-at",
                now.plus(Duration.ofDays(3)).toString());
        assertThat(add.exitCode()).as(add.err()).isZero();
        String id = add.out().replaceAll("(?s)added waiver (\\S+):.*", "$1");

        assertThat(cli.run("waivers", "list").out()).contains(id).contains("active");
        assertThat(cli.run("waivers", "revoke", id).exitCode()).isZero();
        assertThat(cli.run("waivers", "list").out()).doesNotContain(id);
        assertThat(cli.run("waivers", "add", "--service", "checkout", "--test", "host").exitCode()).isEqualTo(2);
    }

    @Test
    void shouldScoreAgainstAWhatIfStandardWithoutRecordingIt() {
        register("api.yaml", API);
        publish("mixed.jsonl",
                CliHarness.result("api", "cpu", "", "PASSED", now.minusSeconds(60), null),
                CliHarness.result("api", "host", "", "FAILED", now.minusSeconds(60), null));
        Path whatIf = cli.write("lenient.yaml", """
                apiVersion: steadfast/v1
                kind: Standard
                id: lenient
                extends: org-default
                values: {passed: 100, degraded: 80, failed: 50, notRun: 0, expired: 0}
                """);

        CliHarness.Run normal = cli.run("score", "api");
        CliHarness.Run lenient = cli.run("score", "api", "--standard", whatIf.toString());

        assertThat(normal.out()).contains("standard org-default");
        assertThat(lenient.out()).contains("standard lenient");
        assertThat(cli.run("history", "api").out()).doesNotContain("lenient");
    }

    @Test
    void shouldRollUpTeamsAndOrganisation() {
        register("api.yaml", API);
        register("checkout.yaml", CHECKOUT);
        publishAllPassed("api", null);

        CliHarness.Run org = cli.run("score", "--org");
        CliHarness.Run team = cli.run("score", "--team", "core");

        assertThat(org.exitCode()).as(org.err()).isZero();
        assertThat(org.out()).contains("api").contains("checkout").contains("every stored result counts");
        assertThat(cli.run("score", "--org", "--json").out()).contains("\"asOf\"").contains("\"ageSeconds\" : 0");
        assertThat(team.out()).contains("api").doesNotContain("checkout");
    }

    @Test
    void shouldCreateTokensThatExpireUnlessNeverIsAskedFor() {
        CliHarness.Run standard = cli.run("tokens", "create", "--role", "viewer");
        CliHarness.Run forever = cli.run("tokens", "create", "--role", "viewer", "--expires-in", "never");
        CliHarness.Run brief = cli.run("tokens", "create", "--role", "viewer", "--expires-in", "12h");
        CliHarness.Run bad = cli.run("tokens", "create", "--role", "viewer", "--expires-in", "forever");
        CliHarness.Run list = cli.run("tokens", "list");

        assertThat(standard.exitCode()).isZero();
        assertThat(standard.err()).containsPattern("expires " + now.plus(Duration.ofDays(90)).toString()
                .substring(0, 10));
        assertThat(forever.err()).contains("never expires");
        assertThat(brief.exitCode()).isZero();
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--expires-in must be a positive duration such as 500ms, 30s, 15m, 2h or 7d,"
                + " or 'never', but was 'forever'");
        assertThat(list.out()).contains("EXPIRES").contains("never");
        assertThat(list.out().lines().filter(l -> l.startsWith("t-")).count()).isEqualTo(3);
    }
}
