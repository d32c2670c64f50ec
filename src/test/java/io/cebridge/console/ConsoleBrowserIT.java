package io.cebridge.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.cebridge.demo.DemoAccountStore;
import io.cebridge.demo.DemoSalesforceServer;
import io.cebridge.it.BridgeHarness;
import io.cebridge.it.TestErp;
import io.cebridge.runtime.BridgeRuntime;
import io.cebridge.store.DeadLetter;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Guards: a console that cannot log in, that shows a dead letter but cannot fix its field and send it through the
 * flow, that does not see it delivered, or whose pause does not suspend the flow's routes; driven in headless
 * Chromium against the real runtime, Kafka, the demo CRM and an H2 ERP. Screenshots in target/console-screenshots/.
 */
class ConsoleBrowserIT {
    static final String USER = "ops-admin";
    static final String PASSWORD = "correct horse battery staple";
    private static final String BAD_USCC = "91330100799655"; // 14 characters: USCC_FORMAT
    private static final String GOOD_USCC = "91310115591693856A";
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    @TempDir
    Path tmp;
    private DemoSalesforceServer crm;
    private TestErp erp;
    private BridgeRuntime runtime;
    private WebDriver browser;

    @AfterEach
    void tearDown() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
        if (crm != null) {
            crm.close();
        }
        if (erp != null) {
            erp.close();
        }
    }

    @Test
    void anOperatorLogsInFixesADeadLettersFieldSeesItDeliveredAndPausesAndResumesTheFlow() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "chromium and chromedriver are not installed (apt-get install chromium chromium-driver)");
        DemoAccountStore accounts = DemoAccountStore.empty(Clock.systemUTC());
        accounts.create(Map.of("Name", "Good Customer Ltd"));
        String typo = String.valueOf(accounts.create(Map.of("Name", "Typo <b>Code</b> Ltd", "USCC__c", BAD_USCC))
                .get("Id"));
        runtime = start(accounts);
        String base = "http://127.0.0.1:" + runtime.httpPort() + "/console";
        browser = chromium();
        Files.createDirectories(SHOTS);

        // every page needs a login first
        browser.get(base + "/inbox");
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        shot("01-login");
        logIn(USER, "not the password");
        assertThat(text(By.className("flash"))).isEqualTo("Wrong user name or password.");
        logIn(USER, PASSWORD);
        assertThat(browser.getCurrentUrl()).endsWith("/console/flows");
        awaitOnPage(base + "/flows", () -> state("customer-master").equals("running")
                && browser.findElement(By.id("throughput")) != null);

        // the dead letter shows in the inbox with its masked reason and the account name escaped, not as markup
        awaitOnPage(base + "/inbox", () -> !browser.findElements(By.cssSelector("#letters td.source")).isEmpty());
        WebElement row = browser.findElement(By.cssSelector("#letters tbody tr"));
        assertThat(row.getText()).contains(typo).contains("USCC_FORMAT");
        shot("03-inbox-failures");
        awaitOnPage(base + "/flows", () -> state("customer-master").equals("running")
                && browser.findElement(By.id("flows")).getText().contains("created"));
        shot("02-flows");
        browser.get(base + "/inbox");
        clickToNewPage(By.cssSelector("#letters tbody tr a"));
        assertThat(browser.findElement(By.id("record")).getText()).contains("Name = 'Typo <b>Code</b> Ltd'");
        assertThat(browser.findElements(By.tagName("b"))).as("a record value is text, never markup").isEmpty();
        long letterId = Long.parseLong(browser.findElement(By.cssSelector("td[data-field=id]")).getText());
        shot("04-dead-letter");

        browser.findElement(By.id("edit-field")).sendKeys("USCC__c");
        browser.findElement(By.id("edit-value")).sendKeys(GOOD_USCC);
        clickToNewPage(By.id("edit-retry"));
        assertThat(text(By.className("flash"))).contains("edited and marked for retry")
                .contains("USCC__c: 91**********55 -> 91**************6A");
        shot("05-dead-letter-edited");

        // the running flow sends the corrected record through every step: the letter is resolved by its delivery
        awaitOnPage(base + "/inbox/" + letterId, () -> field("status").equals(DeadLetter.RESOLVED));
        assertThat(erp.row("SELECT uscc FROM erp_customer WHERE crm_account_id = '" + typo + "'"))
                .containsEntry("uscc", GOOD_USCC);
        assertThat(browser.findElement(By.id("history")).getText()).contains("EDITED by " + USER + " (console)");
        shot("06-dead-letter-delivered");

        browser.get(base + "/trail");
        browser.findElement(By.id("trail-id")).sendKeys(typo);
        clickToNewPage(By.id("trail-search"));
        assertThat(browser.findElement(By.id("trail-events")).getText()).contains("DLQ_EDITED").contains("CREATED");
        shot("07-trail");

        browser.get(base + "/reconcile");
        new Select(browser.findElement(By.id("reconcile-flow"))).selectByValue("customer-master");
        browser.findElement(By.id("reconcile-run")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> !browser.findElements(By.id("reconcile-summary")).isEmpty()
                || !browser.findElements(By.cssSelector("main p.error")).isEmpty());
        assertThat(browser.findElement(By.id("reconcile-report")).getText()).contains("customer-master");
        shot("08-reconcile");

        browser.get(base + "/flows");
        assertThat(flowRoutes()).hasSize(3).allMatch(s -> s == ServiceStatus.Started);
        markPage();
        browser.findElement(By.cssSelector("tr[data-flow=customer-master] button.pause")).click();
        browser.switchTo().alert().accept();
        awaitNewPage();
        assertThat(text(By.className("flash"))).isEqualTo("customer-master paused.");
        assertThat(state("customer-master")).isEqualTo("paused");
        assertThat(flowRoutes()).allMatch(s -> s == ServiceStatus.Suspended);
        shot("09-flow-paused");
        clickToNewPage(By.cssSelector("tr[data-flow=customer-master] button.resume"));
        assertThat(text(By.className("flash"))).isEqualTo("customer-master resumed.");
        assertThat(state("customer-master")).isEqualTo("running");
        assertThat(flowRoutes()).allMatch(s -> s == ServiceStatus.Started);
        // resumed means working: a new account is delivered
        String later = String.valueOf(accounts.create(Map.of("Name", "After Resume Ltd")).get("Id"));
        await().atMost(Duration.ofSeconds(60)).until(() -> erp.scalar(
                "SELECT COUNT(*) FROM erp_customer WHERE crm_account_id = '" + later + "'") == 1);

        clickToNewPage(By.id("logout"));
        assertThat(browser.getCurrentUrl()).endsWith("/console/login");
        browser.get(base + "/flows");
        assertThat(browser.getCurrentUrl()).as("logged out").endsWith("/console/login");
    }

    private BridgeRuntime start(DemoAccountStore accounts) throws Exception {
        erp = TestErp.create(TestErp.Kind.H2, tmp);
        crm = new DemoSalesforceServer(accounts, "it-client", "it-secret");
        crm.start(0);
        BridgeHarness h = new BridgeHarness(tmp.resolve("data"), crm.loginUrl(), "it-secret", erp).enable("customer-master");
        h.overrides.put("bridge.console.admin-user", USER);
        h.overrides.put("bridge.console.admin-password", PASSWORD);
        return new BridgeRuntime(h.config(), false).start();
    }

    private static WebDriver chromium() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1600");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        return new ChromeDriver(service, options);
    }

    private void logIn(String user, String password) {
        browser.findElement(By.id("user")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        clickToNewPage(By.id("login"));
    }

    /**
     * Clicks what submits a form or follows a link and waits until the answer's page has replaced this one: click()
     * returns before a form submission's page loads (CI read the login page's URL right after a successful login).
     */
    private void clickToNewPage(By by) {
        markPage();
        browser.findElement(by).click();
        awaitNewPage();
    }

    /** Marks the page's window: a page that replaces it (a form's answer, a link) starts without the mark. */
    private void markPage() {
        ((JavascriptExecutor) browser).executeScript("window.ceBridgeOldPage = true;");
    }

    /**
     * Waits until a new page has replaced the marked one and has loaded. Not by the old element going stale: while
     * Chromium navigates, asking about the old element can fail with "Node with given id does not belong to the
     * document" instead (a full verify on a quiet machine), and scripts fail until the new document is there.
     */
    private void awaitNewPage() {
        new WebDriverWait(browser, Duration.ofSeconds(30)).ignoring(WebDriverException.class).until(d -> Boolean.TRUE
                .equals(((JavascriptExecutor) d).executeScript(
                        "return window.ceBridgeOldPage === undefined && document.readyState === 'complete';")));
    }

    /** Reloads {@code url} until the page shows what {@code shown} asks (the page does not refresh by itself). */
    private void awaitOnPage(String url, java.util.concurrent.Callable<Boolean> shown) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
            browser.get(url);
            return shown.call();
        });
    }

    private String state(String flow) {
        return browser.findElement(By.cssSelector("tr[data-flow=" + flow + "] td.state")).getText();
    }

    private String field(String name) {
        return browser.findElement(By.cssSelector("td[data-field=" + name + "]")).getText();
    }

    private String text(By by) {
        return browser.findElement(by).getText();
    }

    /** The flow's routes: ingest, delivery and dead-letter retry (route ids of routes/customer-master.yaml). */
    private List<ServiceStatus> flowRoutes() {
        return List.of("customer-master-ingest", "customer-master-delivery", "customer-master-dlq-retry").stream()
                .map(id -> runtime.camel().getRouteController().getRouteStatus(id)).toList();
    }

    private void shot(String name) throws Exception {
        File file = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(file.toPath(), SHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
