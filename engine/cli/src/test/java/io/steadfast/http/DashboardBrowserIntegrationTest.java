package io.steadfast.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.steadfast.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard as a person sees it: {@code steadfast serve} as its own process (HTTP API, embedded
 * broker, H2 store), services registered and results published through Kafka with the real CLI, a
 * viewer token, and headless Chromium driven by Selenium through the token form and every page.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code .ci/run} installs them); without
 * them it fails, it never skips.
 */
class DashboardBrowserIntegrationTest {

    static final String HOSTILE_NAME = "<img src=x onerror=alert(1)>";
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration PAGE = Duration.ofSeconds(20);

    @TempDir
    static Path temp;

    private static Path root;
    private static Path data;
    private static Path log;
    private static Process serve;
    private static String base;
    private static String bootstrap;
    private static String token;
    private static final AtomicInteger profiles = new AtomicInteger();

    private WebDriver browser;

    @BeforeAll
    static void startEngineWithScoreHistory() throws Exception {
        assertThat(CHROMIUM).as("the browser tests need Chromium at %s: apt-get install -y chromium chromium-driver",
                CHROMIUM).isExecutable();
        assertThat(CHROMEDRIVER).as("the browser tests need ChromeDriver at %s: apt-get install -y chromium-driver",
                CHROMEDRIVER).isExecutable();
        root = repositoryRoot();
        data = temp.resolve("data");
        int httpPort = freePort();
        int kafkaPort = freePort();
        base = "http://127.0.0.1:" + httpPort + "/";
        bootstrap = "127.0.0.1:" + kafkaPort;
        log = temp.resolve("serve.log");
        // on the collector the steadfast launcher gives serve
        serve = new ProcessBuilder("java", "-XX:+UseZGC", "-jar", root.resolve("engine/cli/target/steadfast.jar").toString(),
                "serve", "--port", Integer.toString(httpPort), "--embedded-kafka-port", Integer.toString(kafkaPort),
                "--data-dir", data.toString(), "--suites", root.resolve("test-suites").toString(),
                "--rules", root.resolve("scoring-rules").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        await().atMost(Duration.ofSeconds(90)).until(() -> output().contains("serving:") || !serve.isAlive());
        assertThat(serve.isAlive()).as(DashboardBrowserIntegrationTest::output).isTrue();
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> get("health", null).statusCode() == 200);

        // checkout (tier-1: must pass host and dependency-failure; pass 90, warn 75), with a hostile display name
        register("checkout", HOSTILE_NAME, "payments", "tier-1", """
                instances: [{id: checkout-1, zone: a}, {id: checkout-2, zone: b}]
                dependencies: [{id: inventory, endpoint: "127.0.0.1:9001"}]
                """);
        register("ledger", "Ledger", "payments", "tier-2", "instances: [{id: ledger-1, zone: a}]\n");
        register("search", "Search", "discovery", "tier-3", "instances: [{id: search-1, zone: a}]\n");

        // checkout's history, one snapshot per batch: 100.0 PASS, then 83.3 WARN, then 41.7 FAIL
        Instant now = Instant.now();
        publish(List.of(
                result("checkout", "cpu", "", "PASSED", now.minusSeconds(3 * 3600)),
                result("checkout", "memory", "", "PASSED", now.minusSeconds(3 * 3600)),
                result("checkout", "host", "", "PASSED", now.minusSeconds(3 * 3600)),
                result("checkout", "zone", "a", "PASSED", now.minusSeconds(3 * 3600)),
                result("checkout", "zone", "b", "PASSED", now.minusSeconds(3 * 3600)),
                result("checkout", "dependency-failure", "inventory", "PASSED", now.minusSeconds(3 * 3600)),
                result("checkout", "dependency-latency", "inventory", "PASSED", now.minusSeconds(3 * 3600)),
                result("search", "cpu", "", "PASSED", now.minusSeconds(3 * 3600)),
                result("search", "memory", "", "PASSED", now.minusSeconds(3 * 3600)),
                result("search", "host", "", "PASSED", now.minusSeconds(3 * 3600))));
        publish(List.of(result("checkout", "dependency-latency", "inventory", "FAILED", now.minusSeconds(2 * 3600))));
        publish(List.of(
                result("checkout", "host", "", "FAILED", now.minusSeconds(3600)),
                result("checkout", "zone", "a", "FAILED", now.minusSeconds(3600)),
                result("checkout", "memory", "", "FAILED", now.minusSeconds(3600))));

        Run created = cli("tokens", "create", "--role", "viewer");
        assertThat(created.exitCode()).as(created.err()).isZero();
        token = lastWord(created.out());
        assertThat(get("api/v1/scores", token).statusCode()).as("a viewer token reads the scores").isEqualTo(200);
        assertThat(get("api/v1/scores", null).statusCode()).as("no token, no scores").isEqualTo(401);
    }

    @AfterAll
    static void stopEngine() throws InterruptedException {
        if (serve != null) {
            serve.destroy();
            assertThat(serve.waitFor(90, TimeUnit.SECONDS)).as(DashboardBrowserIntegrationTest::output).isTrue();
        }
    }

    @BeforeEach
    void openBrowser() {
        browser = chromium();
    }

    @AfterEach
    void closeBrowserWithoutErrorsInItsConsole() {
        if (browser == null) {
            return;
        }
        try {
            List<String> errors = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                    .map(LogEntry::getMessage).filter(m -> !expectedInConsole(m)).toList();
            assertThat(errors).as("errors in the browser's console (a module that did not load, a script error)")
                    .isEmpty();
        } finally {
            browser.quit();
        }
    }

    /**
     * What the browser logs as an error though nothing is wrong: an API answer the page handles itself
     * (the 401 of a refused token) and the favicon, which the dashboard does not have.
     */
    static boolean expectedInConsole(String message) {
        return message.matches("^\\S+/api/v1/\\S* - Failed to load resource: the server responded with a status of 401.*")
                || message.matches("^\\S+/favicon\\.ico - Failed to load resource: .*");
    }

    @Test
    void shouldAskForATokenOnceAndRefuseAWrongOne() {
        browser.get(base);

        WebElement input = waitFor("[data-test='token-input']");
        input.sendKeys("not-a-token");
        find("[data-test='token-submit']").click();
        assertThat(waitFor("[data-test='token-error']").getText()).contains("refused");

        waitFor("[data-test='token-input']").sendKeys(token);
        find("[data-test='token-submit']").click();
        assertThat(waitFor("[data-test='org-page'] [data-test='page-title']").getText()).isEqualTo("Organisation");

        browser.navigate().refresh();
        assertThat(waitFor("[data-test='org-page'] [data-test='page-title']").getText())
                .as("the token is kept for the tab").isEqualTo("Organisation");
        assertThat(browser.findElements(By.cssSelector("[data-test='token-form']"))).isEmpty();
    }

    @Test
    void shouldNotLetATokenInTheAddressReplaceTheSignedInOneUnasked() {
        browser.get(base);
        waitFor("[data-test='token-input']").sendKeys(token);
        find("[data-test='token-submit']").click();
        waitFor("[data-test='org-page'] [data-test='page-title']");

        browser.get(base + "#token=someone-elses-token&next=/standards");

        Alert ask = new WebDriverWait(browser, PAGE).until(ExpectedConditions.alertIsPresent());
        assertThat(ask.getText()).contains("another API token");
        ask.dismiss();
        assertThat(((JavascriptExecutor) browser).executeScript("return sessionStorage.getItem('steadfast.token')"))
                .as("the signed-in token is kept").isEqualTo(token);
        assertThat(browser.getCurrentUrl()).as("the token is taken out of the address").doesNotContain("someone-elses-token");
        assertThat(browser.findElements(By.cssSelector("[data-test='token-form']"))).isEmpty();
    }

    @Test
    void shouldShowTheServiceScoreItsVerdictBreakdownInstancesAndNextActions() {
        open("/service/checkout");

        // 7 instances under tier-1, each category a third: scalability (cpu 100, memory 0) 50,
        // redundancy (host 0 w1, zone a 0 w.5, zone b 100 w.5) 25, dependencies (failure 100, latency 0) 50
        assertThat(waitForText("[data-test='score']", "41.7").getText()).isEqualTo("41.7");
        assertThat(find("[data-test='headline'] [data-test='verdict']").getText()).isEqualTo("FAIL");
        assertThat(find("[data-test='headline'] [data-test='band']").getText()).isEqualTo("poor");
        assertThat(find("[data-test='thresholds']").getText()).isEqualTo("pass ≥ 90, warn ≥ 75");
        assertThat(find("[data-test='standard']").getText()).isEqualTo("tier-1");
        assertThat(find("[data-test='verdict-sentence']").getText()).isEqualTo("41.7 is below the warn threshold of 75.");
        assertThat(find("[data-test='reasons']").getText()).contains("host");

        assertThat(rows("[data-test='category-row']", "data-category", "[data-test='category-points']"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("scalability", "16.67", "redundancy", "8.33",
                        "dependencies", "16.67"));

        List<WebElement> instances = browser.findElements(By.cssSelector("[data-test='instance-row']"));
        assertThat(instances).hasSize(7);
        WebElement host = instance("host", "");
        assertThat(cell(host, "status").getText()).isEqualTo("FAILED");
        assertThat(cell(host, "age").getText()).matches("1h \\d+m");
        assertThat(cell(host, "points").getText()).isEqualTo("0.00");
        assertThat(cell(host, "test").getText()).contains("must pass");
        WebElement zoneB = instance("zone", "b");
        assertThat(cell(zoneB, "status").getText()).isEqualTo("PASSED");
        assertThat(cell(zoneB, "age").getText()).matches("[23]h \\d+m");
        assertThat(cell(zoneB, "points").getText()).isEqualTo("8.33");
        assertThat(cell(instance("cpu", ""), "points").getText()).isEqualTo("16.67");
        assertThat(cell(instance("dependency-failure", "inventory"), "points").getText()).isEqualTo("16.67");

        assertThat(rows("[data-test='action-row']", "data-test-id", "[data-test='action-points']"))
                .containsEntry("memory", "+16.67").containsEntry("host", "+16.67")
                .containsEntry("dependency-latency", "+16.67").containsEntry("zone", "+8.33")
                .doesNotContainKey("cpu");
        assertThat(find("[data-test='not-applicable']").getText()).contains("certificate-expiry");
    }

    @Test
    void shouldShowNoCategoryScoreForANoDataService() {
        open("/service/ledger");

        waitForText("[data-test='verdict-sentence']", "No data: nothing could be scored yet.");
        assertThat(find("[data-test='score']").getText()).isEqualTo("—");
        Map<String, String> scores = rows("[data-test='category-row']", "data-category", "[data-test='category-score']");
        Map<String, String> points = rows("[data-test='category-row']", "data-category", "[data-test='category-points']");
        assertThat(scores).as("tier-2's categories, none scored").isNotEmpty().allSatisfy((category, score) ->
                assertThat(score).as(category).isEqualTo("—"));
        assertThat(points).allSatisfy((category, value) -> assertThat(value).as(category).isEqualTo("—"));
    }

    @Test
    void shouldDrawTheScoreHistoryAsATrendChart() {
        open("/service/checkout");
        waitForText("[data-test='score']", "41.7");

        WebElement line = find("[data-test='trend-chart'] path[data-test='trend-chart-line']");
        List<double[]> points = pathPoints(line.getDomAttribute("d"));
        assertThat(points).as("one point per snapshot: 100.0, 83.3, 41.7").hasSize(3);
        assertThat(points.get(0)[1]).as("lower on the chart as the score falls").isLessThan(points.get(1)[1]);
        assertThat(points.get(1)[1]).isLessThan(points.get(2)[1]);
        assertThat(points.get(0)[0]).isLessThan(points.get(1)[0]);
        assertThat(browser.findElements(By.cssSelector("[data-test='trend-chart'] circle.dot"))).hasSize(3);
        assertThat(browser.findElements(By.cssSelector("[data-test='trend-chart'] [data-test='threshold-pass']"))).hasSize(1);
        assertThat(find("[data-test='history-count']").getText()).isEqualTo("3 snapshots");
    }

    @Test
    void shouldShowAHostileServiceNameAsTextEverywhere() {
        open("/service/checkout");
        assertThat(waitForText("[data-test='service-name']", HOSTILE_NAME).getText()).isEqualTo(HOSTILE_NAME);
        assertNoInjection();

        open("/");
        waitFor("[data-test='org-page']");
        assertThat(find("[data-test='service-row'][data-service='checkout'] [data-test='service-link']").getText())
                .isEqualTo(HOSTILE_NAME);
        assertThat(find("[data-test='drop-row'][data-service='checkout'] [data-test='service-link']").getText())
                .isEqualTo(HOSTILE_NAME);
        assertNoInjection();

        open("/team/payments");
        assertThat(waitFor("[data-test='service-row'][data-service='checkout'] [data-test='service-link']").getText())
                .isEqualTo(HOSTILE_NAME);
        assertNoInjection();
    }

    @Test
    void shouldRedrawTheServicePageWithoutReloadWhenANewResultArrives() {
        open("/service/search");
        // org-default: scalability (cpu, memory passed) 100, redundancy (host passed, zone a not run) 50
        waitForText("[data-test='score']", "75.0");
        assertThat(find("[data-test='headline'] [data-test='verdict']").getText()).isEqualTo("WARN");
        int pointsBefore = pathPoints(find("[data-test='trend-chart-line']").getDomAttribute("d")).size();
        ((JavascriptExecutor) browser).executeScript("window.stillTheSamePage = true;");

        publish(List.of(result("search", "zone", "a", "PASSED", Instant.now().minusSeconds(60))));

        assertThat(waitForText("[data-test='score']", "100.0").getText()).isEqualTo("100.0");
        assertThat(find("[data-test='headline'] [data-test='verdict']").getText()).isEqualTo("PASS");
        assertThat(cell(instance("zone", "a"), "status").getText()).isEqualTo("PASSED");
        assertThat(pathPoints(find("[data-test='trend-chart-line']").getDomAttribute("d"))).hasSize(pointsBefore + 1);
        assertThat(((JavascriptExecutor) browser).executeScript("return window.stillTheSamePage === true;"))
                .as("redrawn in place, not reloaded").isEqualTo(true);
    }

    @Test
    void shouldShowTheOrganisationBandsTeamsMeetingShareAndBiggestDrops() {
        open("/");
        waitFor("[data-test='org-page']");

        assertThat(find("[data-test='band-poor-count']").getText()).as("checkout").isEqualTo("1");
        assertThat(find("[data-test='band-fair-count']").getText()).isEqualTo("0");
        assertThat(find("[data-test='band-good-count']").getText()).as("search").isEqualTo("1");
        assertThat(browser.findElements(By.cssSelector("[data-test='band-bar-poor']"))).hasSize(1);

        WebElement payments = find("[data-test='team-row'][data-team='payments']");
        assertThat(cell(payments, "score").getText()).as("only checkout is scored").isEqualTo("41.7");
        assertThat(cell(payments, "band").getText()).isEqualTo("poor");
        assertThat(cell(payments, "meeting").getText()).isEqualTo("0 of 2");
        assertThat(cell(find("[data-test='team-row'][data-team='discovery']"), "meeting").getText()).isEqualTo("1 of 1");

        assertThat(find("[data-test='meeting-now']").getText()).as("search of checkout, ledger and search")
                .isEqualTo("33%");
        assertThat(pathPoints(find("[data-test='meeting-chart-line']").getDomAttribute("d"))).hasSizeGreaterThan(1);

        WebElement drop = find("[data-test='drop-row'][data-service='checkout']");
        assertThat(cell(drop, "from").getText()).isEqualTo("100.0");
        assertThat(cell(drop, "to").getText()).isEqualTo("41.7");
        assertThat(cell(drop, "delta").getText()).isEqualTo("−58.3");

        WebElement ledger = find("[data-test='service-row'][data-service='ledger']");
        assertThat(cell(ledger, "verdict").getText()).isEqualTo("NO DATA");
        assertThat(cell(ledger, "score").getText()).isEqualTo("—");

        find("[data-test='team-row'][data-team='payments'] [data-test='team-link']").click();
        assertThat(waitFor("[data-test='team-page'] [data-test='page-title']").getText()).isEqualTo("Team payments");
    }

    @Test
    void shouldShowATeamsServicesWithTheirTrend() {
        open("/team/payments");
        waitFor("[data-test='team-page']");

        assertThat(browser.findElements(By.cssSelector("[data-test='service-row']")))
                .extracting(row -> row.getDomAttribute("data-service")).containsExactlyInAnyOrder("checkout", "ledger");
        WebElement checkout = find("[data-test='service-row'][data-service='checkout']");
        assertThat(cell(checkout, "score").getText()).isEqualTo("41.7");
        assertThat(cell(checkout, "verdict").getText()).isEqualTo("FAIL");
        assertThat(pathPoints(checkout.findElement(By.cssSelector("[data-test='sparkline'] path")).getDomAttribute("d")))
                .hasSize(3);
        assertThat(find("[data-test='team-rollup'] [data-test='team-score']").getText()).isEqualTo("41.7");

        checkout.findElement(By.cssSelector("[data-test='service-link']")).click();
        assertThat(waitFor("[data-test='service-page'] [data-test='service-id']").getText()).isEqualTo("checkout");
    }

    @Test
    void shouldShowTheStandardsWeightsThresholdsAndMustPassTests() {
        open("/standards");
        WebElement tier1 = waitFor("[data-test='standard'][data-standard='tier-1']");

        assertThat(tier1.findElement(By.cssSelector("[data-test='standard-thresholds']")).getText())
                .isEqualTo("pass ≥ 90, warn ≥ 75");
        assertThat(tier1.findElement(By.cssSelector("[data-test='standard-must-pass']")).getText())
                .contains("host").contains("dependency-failure");
        assertThat(tier1.findElement(By.cssSelector("[data-test='category-weights']")).getText())
                .contains("scalability").contains("redundancy").contains("dependencies");
        WebElement orgDefault = find("[data-test='standard'][data-standard='org-default']");
        assertThat(orgDefault.findElement(By.cssSelector("[data-test='standard-thresholds']")).getText())
                .isEqualTo("pass ≥ 80, warn ≥ 60");
        assertThat(orgDefault.findElement(By.cssSelector("[data-test='standard-must-pass']")).getText()).isEqualTo("none");
    }

    // ---- the browser ----

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--window-size=1280,1600",
                "--user-data-dir=" + temp.resolve("chromium-profile-" + profiles.incrementAndGet()));
        // an alert raised by injected markup must stay open for the test to see, not be dismissed
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        // the console, for closeBrowserWithoutErrorsInItsConsole
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().withEnvironment(Map.of("SE_OFFLINE", "true")).build();
        return new ChromeDriver(service, options);
    }

    private void open(String route) {
        browser.get(base + "#token=" + token + "&next=" + route);
    }

    private void assertNoInjection() {
        assertThatThrownBy(() -> browser.switchTo().alert()).as("no alert was raised")
                .isInstanceOf(NoAlertPresentException.class);
        assertThat(browser.findElements(By.tagName("img"))).as("no img element was created").isEmpty();
    }

    private WebElement find(String css) {
        return browser.findElement(By.cssSelector(css));
    }

    private WebElement waitFor(String css) {
        return new WebDriverWait(browser, PAGE).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> css + " must be on the page" + openAlert()).until(b -> {
                    List<WebElement> found = b.findElements(By.cssSelector(css));
                    return found.isEmpty() ? null : found.get(0);
                });
    }

    private WebElement waitForText(String css, String text) {
        return new WebDriverWait(browser, PAGE).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> css + " must show '" + text + "', but showed " + browser.findElements(By.cssSelector(css))
                        .stream().map(WebElement::getText).toList() + openAlert()).until(b -> {
                    List<WebElement> found = b.findElements(By.cssSelector(css));
                    return found.isEmpty() || !found.get(0).getText().equals(text) ? null : found.get(0);
                });
    }

    private String openAlert() {
        try {
            return "; an alert is open: '" + browser.switchTo().alert().getText() + "'";
        } catch (NoAlertPresentException e) {
            return "";
        }
    }

    private WebElement instance(String test, String target) {
        return find("[data-test='instance-row'][data-test-id='" + test + "'][data-target='" + target + "']");
    }

    private static WebElement cell(WebElement row, String column) {
        return row.findElement(By.cssSelector("td[data-col='" + column + "']"));
    }

    private Map<String, String> rows(String rowCss, String keyAttribute, String valueCss) {
        Map<String, String> values = new java.util.LinkedHashMap<>();
        for (WebElement row : browser.findElements(By.cssSelector(rowCss))) {
            values.putIfAbsent(row.getDomAttribute(keyAttribute), row.findElement(By.cssSelector(valueCss)).getText());
        }
        return values;
    }

    /** The (x, y) points of an SVG path made of M and L commands. */
    static List<double[]> pathPoints(String d) {
        assertThat(d).as("an SVG path").isNotBlank();
        List<double[]> points = new ArrayList<>();
        Matcher m = Pattern.compile("[ML]\\s*(-?[\\d.]+)\\s+(-?[\\d.]+)").matcher(d);
        while (m.find()) {
            points.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))});
        }
        return points;
    }

    // ---- the engine ----

    record Run(int exitCode, String out, String err) {
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--data-dir", data.toString(), "--suites", root.resolve("test-suites").toString(),
                "--rules", root.resolve("scoring-rules").toString()));
        int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), all.toArray(String[]::new));
        return new Run(code, out.toString(), err.toString());
    }

    private static void register(String id, String name, String team, String tier, String more) throws IOException {
        Path file = Files.writeString(temp.resolve(id + ".yaml"), """
                apiVersion: steadfast/v1
                kind: Service
                id: %s
                name: '%s'
                team: %s
                tier: %s
                environment: production
                """.formatted(id, name.replace("'", "''"), team, tier) + more);
        Run run = cli("services", "register", file.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /**
     * Through the results topic, returning once serve has stored and scored them: one history snapshot
     * per batch. The producer lingers long enough that a batch's records reach the broker as one
     * request, so that serve's consumer never takes in half a batch (and records a snapshot for it).
     */
    private static void publish(List<String> results) {
        try {
            Path file = Files.writeString(Files.createTempFile(temp, "results", ".jsonl"), String.join("\n", results));
            Path producer = Files.writeString(temp.resolve("producer.properties"), "linger.ms=2000\n");
            Run run = cli("results", "publish", file.toString(), "--kafka-bootstrap", bootstrap,
                    "--kafka-properties", producer.toString(), "--wait");
            assertThat(run.exitCode()).as(run.err() + output()).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String result(String service, String test, String target, String status, Instant finishedAt) {
        return "{\"schemaVersion\":1,\"resultId\":\"" + UUID.randomUUID() + "\",\"service\":\"" + service
                + "\",\"suite\":\"recommended\",\"test\":\"" + test + "\",\"target\":\"" + target
                + "\",\"status\":\"" + status + "\",\"startedAt\":\"" + finishedAt.minusSeconds(300)
                + "\",\"finishedAt\":\"" + finishedAt + "\"}";
    }

    private static HttpResponse<String> get(String path, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(10));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String lastWord(String out) {
        String[] words = out.strip().split("\\s+");
        return words[words.length - 1];
    }

    private static String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no serve log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve("test-suites"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no test-suites/ above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
