package com.example.usersync.system;

import com.example.usersync.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in a real headless Chromium against both real services on H2: each role logs in,
 * an admin registers, edits and deletes a user, the auditor watches the erasure complete from every
 * tool, follows a causation link in the timeline and downloads the export, an operator replays a
 * tool until the progress bar says caught up and retries a dead letter.
 * <p>
 * Skipped when {@code /usr/bin/chromium} or {@code /usr/bin/chromedriver} is missing, unless
 * {@code USER_SYNC_BROWSER_REQUIRED=true} (set by {@code .ci/run}), which makes it fail instead.
 * Screenshots of the main pages go to {@code target/console-screenshots}; with
 * {@code -Dconsole.screenshots.update=true} also to {@code docs/console} (committed, shown in the README).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserH2Test {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    private SyncSystem system;
    private ConfigurableApplicationContext projection;
    private ChromeDriver browser;
    private Path profile;
    private Path downloads;
    private String console;

    private final String email = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    private String userId;

    @BeforeAll
    void start() throws IOException {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && "true".equals(System.getenv("USER_SYNC_BROWSER_REQUIRED"))) {
            fail("USER_SYNC_BROWSER_REQUIRED=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install -y chromium chromium-driver");
        }
        assumeTrue(
                present,
                "Browser tests skipped: no " + CHROMIUM + " and " + CHROMEDRIVER
                        + " (apt-get install -y chromium chromium-driver); USER_SYNC_BROWSER_REQUIRED=true makes them mandatory");
        system = new SyncSystem(SyncSystem.Databases.inMemoryH2());
        projection = system.startProjection(Map.of());
        console = system.usersUrl() + "/console";

        profile = Files.createTempDirectory("console-chromium-profile");
        downloads = Files.createTempDirectory("console-downloads");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-quic",
                "--user-data-dir=" + profile);
        Map<String, Object> prefs = new HashMap<>();
        prefs.put("download.default_directory", downloads.toString());
        prefs.put("download.prompt_for_download", false);
        options.setExperimentalOption("prefs", prefs);
        ChromeDriverService driver = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(driver, options);
        // Laptop width.
        browser.manage().window().setSize(new Dimension(1366, 900));
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (system != null) {
            system.close();
        }
        for (Path dir : new Path[] {profile, downloads}) {
            if (dir != null) {
                try (Stream<Path> files = Files.walk(dir)) {
                    files.sorted(java.util.Comparator.reverseOrder())
                            .map(Path::toFile)
                            .forEach(File::delete);
                }
            }
        }
    }

    @Test
    @Order(1)
    void eachRoleLogsInAndSeesOnlyWhatItMayUse() {
        browser.get(console);
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        screenshot("login");

        logIn("auditor", "dev-auditor");
        assertThat(navigation()).containsExactly("Find a user", "Erasures", "Access log");
        screenshot("home-auditor");
        logOut();

        logIn("admin", "dev-admin");
        assertThat(navigation()).containsExactly("Find a user", "User admin");
        browser.get(console + "/operator");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("Not allowed", "Your roles do not allow this page or action.")
                .doesNotContain("Tool processors");
        browser.get(console);
        logOut();

        logIn("operator", "dev-operator");
        assertThat(navigation()).containsExactly("Tool processors");
        logOut();

        browser.get(console + "/login");
        browser.findElement(By.id("username")).sendKeys("operator");
        browser.findElement(By.id("password")).sendKeys("wrong");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        assertThat(browser.findElement(By.cssSelector("[role=alert]")).getText())
                .contains("Wrong account or password");
    }

    @Test
    @Order(2)
    void anAdminRegistersAndEditsAUser() {
        logIn("admin", "dev-admin");
        browser.get(console + "/admin/users/new");
        browser.findElement(By.id("email")).sendKeys(email);
        browser.findElement(By.id("displayName")).sendKeys("Ada Lovelace");
        browser.findElement(By.id("locale")).clear();
        browser.findElement(By.id("locale")).sendKeys("en-GB");
        browser.findElement(By.id("tool-billing")).click();
        browser.findElement(By.id("tool-mailing")).click();
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();

        waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=version]"), "version 0"));
        assertThat(browser.getCurrentUrl()).doesNotContain("@").matches(".*/console/admin/users/[0-9a-f-]{36}");
        userId = browser.getCurrentUrl().substring(browser.getCurrentUrl().lastIndexOf('/') + 1);

        WebElement name = browser.findElement(By.id("displayName"));
        name.clear();
        name.sendKeys("Ada King");
        browser.findElement(By.id("save-profile")).click();
        waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=version]"), "version 1"));
        assertThat(browser.findElement(By.id("displayName")).getAttribute("value"))
                .isEqualTo("Ada King");
        screenshot("user-admin");
        logOut();
    }

    @Test
    @Order(3)
    void anAuditorFindsTheUserByEmailSeesEveryToolsCopyAndDownloadsTheExport() throws Exception {
        logIn("auditor", "dev-auditor");
        browser.get(console + "/users/find");
        browser.findElement(By.id("query")).sendKeys(email);
        browser.findElement(By.cssSelector("main form button[type=submit]")).click();
        waitFor(ExpectedConditions.urlContains("/console/users/" + userId));
        assertThat(browser.getCurrentUrl()).doesNotContain("@");

        await(() -> {
            browser.navigate().refresh();
            return browser.findElement(By.cssSelector("[data-tool=mailing]"))
                            .getText()
                            .contains("version 1")
                    && browser.findElement(By.cssSelector("[data-tool=billing]"))
                            .getText()
                            .contains("version 1");
        });
        assertThat(browser.findElement(By.cssSelector("[data-tool=mailing]")).getText())
                .contains("Ada King");
        assertThat(browser.findElement(By.cssSelector("[data-tool=analytics]")).getText())
                .contains("holds nothing");
        screenshot("user");

        browser.findElement(By.cssSelector("form[action$='/exports'] button")).click();
        waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=export-status]"), "COMPLETED"));
        browser.findElement(By.cssSelector("[data-testid=export-download]")).click();
        Path file = downloads.resolve("export-" + userId + ".json");
        await(() -> Files.exists(file) && Files.size(file) > 0);
        assertThat(Files.readString(file)).contains(userId, "Ada King", "\"toolsComplete\":true");
        logOut();
    }

    @Test
    @Order(4)
    void anAdminDeletesTheUserAndTheAuditorWatchesTheErasureCompleteFromEveryTool() {
        logIn("admin", "dev-admin");
        browser.get(console + "/admin/users/" + userId);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("reason")))
                .selectByValue("DATA_SUBJECT_REQUEST");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("requestedBy")))
                .selectByValue("DATA_SUBJECT");
        browser.findElement(By.id("delete-user")).click();
        acceptConfirmation();
        waitFor(ExpectedConditions.presenceOfElementLocated(By.cssSelector("[data-testid=erased]")));
        logOut();

        logIn("auditor", "dev-auditor");
        await(() -> {
            browser.get(console + "/erasures");
            return browser.findElement(By.cssSelector("tr[data-user='" + userId + "']"))
                    .getText()
                    .contains("complete");
        });
        screenshot("erasures");
        browser.findElement(By.cssSelector("tr[data-user='" + userId + "'] a")).click();
        assertThat(browser.findElement(By.cssSelector("[data-testid=certificate-status]"))
                        .getText())
                .isEqualTo("complete");
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("billing", "mailing", "analytics", "DATA_SUBJECT_REQUEST");
        screenshot("erasure-certificate");
    }

    @Test
    @Order(5)
    void theTimelineDrawsEachConfirmationAsCausedByTheDeletion() {
        browser.get(console + "/users/" + userId + "/timeline");
        List<WebElement> confirmations = browser.findElements(By.cssSelector("tr[data-type=UserErasureConfirmed]"));
        assertThat(confirmations).hasSizeGreaterThanOrEqualTo(3);
        assertThat((Boolean) ((JavascriptExecutor) browser)
                        .executeScript("var t = document.querySelector('table.timeline');"
                                + " return t.scrollWidth <= t.parentElement.clientWidth;"))
                .as("the timeline's columns fit a laptop's width (1366 px) without scrolling sideways")
                .isTrue();
        screenshot("timeline");
        confirmations.get(0).findElement(By.cssSelector("a.causation")).click();
        String target =
                browser.getCurrentUrl().substring(browser.getCurrentUrl().indexOf('#') + 1);
        assertThat(browser.findElement(By.id(target)).getAttribute("data-type")).isEqualTo("UserDeleted");
        List<String> effects = browser.findElement(By.id(target)).findElements(By.cssSelector("a.effect")).stream()
                .map(WebElement::getText)
                .toList();
        assertThat(effects)
                .containsAll(confirmations.stream()
                        .map(row -> row.getAttribute("id").substring("event-".length()))
                        .toList());

        browser.findElement(By.cssSelector("tr[data-type=UserRegistered] a.correlation"))
                .click();
        assertThat(browser.findElements(By.cssSelector("tbody tr")))
                .extracting(row -> row.getAttribute("data-type"))
                .containsExactly("UserRegistered");
        logOut();
    }

    @Test
    @Order(6)
    void anOperatorReplaysAToolAndWatchesItCatchUp() {
        logIn("operator", "dev-operator");
        browser.get(console + "/operator");
        await(() -> browser.findElements(By.cssSelector("#processor-rows tr")).size() >= 3);
        // The rows are replaced every second: click until the confirmation page opens.
        await(() -> {
            browser.findElement(By.cssSelector("tr[data-tool=mailing] a.button"))
                    .click();
            return browser.getCurrentUrl().endsWith("/processors/mailing/reset");
        });
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("Replay mailing", "dead letters");
        screenshot("replay-confirmation");
        browser.findElement(By.id("confirm-reset")).click();
        acceptConfirmation();
        waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=replay-state]"), "caught up"));
        assertThat(browser.findElement(By.id("replay-bar")).getAttribute("value"))
                .isEqualTo("100");
        screenshot("replay-caught-up");

        // Back on the processors: the replay's lag shows in the chart of the last minutes, and the
        // processor stops and starts from its row.
        browser.get(console + "/operator");
        await(() ->
                browser.findElements(By.cssSelector("tr[data-tool=mailing] [data-testid=lag-chart] polyline")).stream()
                        .anyMatch(line -> line.getAttribute("points").trim().contains(" ")));
        screenshot("processors");
        clickInRefreshedRow(By.cssSelector("tr[data-tool=mailing] form[action$='/stop'] button"));
        acceptConfirmation();
        waitFor(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[role=status]"), "Stopped mailing."));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-tool=mailing]"), "stopped"));
        clickInRefreshedRow(By.cssSelector("tr[data-tool=mailing] form[action$='/start'] button"));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("[role=status]"), "Started mailing."));
        waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("tr[data-tool=mailing]"), "running"));
    }

    @Test
    @Order(7)
    void anOperatorRetriesADeadLetterOnceTheCauseIsFixed() {
        JdbcTemplate tools = SyncSystem.toolsDb(projection);
        tools.execute("ALTER TABLE mailing_contact ADD CONSTRAINT poison CHECK (display_name <> 'Poison Pill')");
        try {
            Http users = system.users();
            String poisoned = users.post(
                            "/api/users",
                            "{\"email\":\"poison-" + UUID.randomUUID()
                                    + "@example.com\",\"displayName\":\"Poison Pill\",\"locale\":\"en\",\"tools\":[\"mailing\"]}")
                    .json()
                    .get("id")
                    .asText();
            await(() -> {
                browser.get(console + "/operator/processors/mailing/dead-letters");
                return !browser.findElements(By.cssSelector("tr[data-user='" + poisoned + "']"))
                        .isEmpty();
            });
            screenshot("dead-letters");
            tools.execute("ALTER TABLE mailing_contact DROP CONSTRAINT poison");
            browser.findElement(By.cssSelector("tr[data-user='" + poisoned + "'] button.retry"))
                    .click();
            acceptConfirmation();
            waitFor(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector("[role=status]"), "Retried"));
            assertThat(browser.findElements(By.cssSelector("tr[data-user='" + poisoned + "']")))
                    .isEmpty();
            assertThat(system.users().unchecked().get("/api/users/" + poisoned).status())
                    .isEqualTo(200);
        } finally {
            tools.execute("ALTER TABLE mailing_contact DROP CONSTRAINT IF EXISTS poison");
        }
    }

    private void logIn(String account, String password) {
        browser.manage().deleteAllCookies();
        browser.get(console + "/login");
        browser.findElement(By.id("username")).sendKeys(account);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        waitFor(ExpectedConditions.textToBe(By.cssSelector("[data-testid=account]"), account));
    }

    private void logOut() {
        browser.findElement(By.cssSelector("form.logout button")).click();
        waitFor(ExpectedConditions.urlContains("/console/login?logout"));
    }

    private List<String> navigation() {
        return browser.findElements(By.cssSelector("nav[aria-label=Sections] a")).stream()
                .map(WebElement::getText)
                .toList();
    }

    /** The processor rows are replaced every second: a click may land on a replaced element, so retry it. */
    private void clickInRefreshedRow(By button) {
        await(() -> {
            browser.findElement(button).click();
            return true;
        });
    }

    private void acceptConfirmation() {
        waitFor(ExpectedConditions.alertIsPresent()).accept();
    }

    private <T> T waitFor(java.util.function.Function<? super WebDriver, T> condition) {
        return new WebDriverWait(browser, PATIENCE).until(condition);
    }

    private void await(java.util.concurrent.Callable<Boolean> condition) {
        try {
            org.awaitility.Awaitility.await()
                    .atMost(PATIENCE)
                    .pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions()
                    .until(condition);
        } catch (org.awaitility.core.ConditionTimeoutException timeout) {
            throw new AssertionError(
                    "Not seen at " + browser.getCurrentUrl() + ":\n" + browser.getPageSource(), timeout);
        }
    }

    private void screenshot(String name) {
        try {
            Path shot = browser.getScreenshotAs(OutputType.FILE).toPath();
            Path target = Path.of("target", "console-screenshots", name + ".png");
            Files.createDirectories(target.getParent());
            Files.copy(shot, target, StandardCopyOption.REPLACE_EXISTING);
            if (Boolean.getBoolean("console.screenshots.update")) {
                Path docs = Path.of("..", "docs", "console", name + ".png");
                Files.createDirectories(docs.getParent());
                Files.copy(shot, docs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
