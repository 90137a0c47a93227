package org.opendialer.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.desktop.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.opendialer.api.TestServers;
import org.opendialer.store.Database;

/**
 * The campaigns page (/campaigns/) in a real headless Chromium (Debian's chromium and chromedriver through Selenium;
 * every host but the server unresolvable): signed in as an API client, a CSV uploaded from the page shows its
 * progress and ends with the imported count; a campaign's bars move as attempts are recorded; start, pause, resume and stop from
 * the page change its status; DNC numbers are added, removed and uploaded; the report table sums the attempts.
 */
class CampaignsPageBrowserTest {


    @TempDir
    static Path tmp;
    static OutboundNode node;
    static ChromeDriver browser;

    @BeforeAll
    static void boot() throws Exception {
        node = OutboundNode.start(tmp.resolve("pg"));
        browser = Chromium.start(tmp);
        String admin = TestServers.token(node.base(), "admin", "admin-secret-0123456789");
        JsonObject client = new JsonObject(node.send("POST", "/api/v2/oauth/clients", admin, "application/json",
                "{\"name\":\"campaigns page\",\"scopes\":[\"campaigns\",\"messaging\"]}").body());
        browser.get(node.base() + "/campaigns/");
        browser.findElement(By.id("client-id")).sendKeys(client.getString("clientId"));
        browser.findElement(By.id("client-secret")).sendKeys(client.getString("clientSecret"));
        click(By.id("signin-button"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-form")));
        assertThat(browser.findElement(By.id("client-secret")).getAttribute("value")).as("the secret is not kept").isEmpty();
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (node != null) {
            node.close();
        }
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(30));
    }

    static void click(By by) {
        waiting().until(ExpectedConditions.elementToBeClickable(by)).click();
    }

    static void waitText(By by, String text) {
        waiting().until(ExpectedConditions.textToBe(by, text));
    }

    @Test
    void aListUploadedFromThePageShowsItsProgressAndEndsWithTheImportedCount() throws Exception {
        String list = create("/api/v2/outbound/contactlists", "{\"name\":\"page upload\",\"columnNames\":[\"id\",\"name\",\"cell\"],"
                + "\"phoneColumns\":[{\"columnName\":\"cell\",\"type\":\"cell\"}],\"keyColumn\":\"id\"}");
        StringBuilder csv = new StringBuilder("id,name,cell\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("K").append(i).append(",Person ").append(i).append(",+1201555").append(String.format("%04d", i % 10_000)).append('\n');
        }
        Path file = tmp.resolve("contacts.csv");
        Files.writeString(file, csv, StandardCharsets.UTF_8);

        browser.navigate().refresh(); // the page was loaded before the list existed: a reload signs out
        signIn();
        waiting().until(d -> !new Select(d.findElement(By.id("upload-list"))).getOptions().stream()
                .filter(o -> list.equals(o.getAttribute("value"))).toList().isEmpty());
        new Select(browser.findElement(By.id("upload-list"))).selectByValue(list);
        browser.findElement(By.id("upload-file")).sendKeys(file.toString());
        // a slow uplink (DevTools network emulation) so the bytes-sent bar is seen between 0 and 100
        ChromiumNetworkConditions slow = new ChromiumNetworkConditions();
        slow.setUploadThroughput(200 * 1024);
        slow.setDownloadThroughput(10 * 1024 * 1024);
        browser.setNetworkConditions(slow);
        click(By.id("upload-button"));
        Set<String> seen = new TreeSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String status = "";
        while (System.nanoTime() < deadline && !status.startsWith("Imported")) {
            Object v = ((JavascriptExecutor) browser).executeScript("return document.getElementById('upload-progress').value");
            seen.add(String.valueOf(v));
            status = browser.findElement(By.id("upload-status")).getText();
            Thread.sleep(50);
        }
        browser.deleteNetworkConditions();
        assertThat(status).isEqualTo("Imported 20000 contacts, 0 bad rows");
        assertThat(browser.findElement(By.id("upload-progress")).getAttribute("value")).isEqualTo("100");
        assertThat(seen).as("progress values shown on the way").anyMatch(v -> {
            double d = Double.parseDouble(v);
            return d > 0 && d < 100;
        });
        assertThat(new JsonObject(node.send("GET", "/api/v2/outbound/contactlists/" + list, null, null).body()).getLong("size"))
                .isEqualTo(20_000);
    }

    @Test
    void aCampaignsBarsMoveAsAttemptsAreRecordedAndStartPauseResumeStopFromThePageChangeItsStatus() throws Exception {
        String list = create("/api/v2/outbound/contactlists", "{\"name\":\"bars\",\"csv\":\"name,phone\\nAnn,+12015550601\\n"
                + "Bob,+12015550602\\nCy,+12015550603\\nDee,+12015550604\\n\",\"phoneColumns\":[\"phone\"]}");
        // its schedule starts tomorrow: started, it dials nobody, so the attempts below are the only ones
        Instant tomorrow = Instant.now().plus(Duration.ofDays(1));
        String campaign = create("/api/v2/outbound/campaigns", new JsonObject().put("name", "Rappels d'été").put("contactListId", list)
                .put("message", "Bonjour").put("schedule", new JsonObject().put("start", tomorrow.toString())
                        .put("end", tomorrow.plus(Duration.ofDays(1)).toString())).encode());
        String card = ".campaign[data-campaign='" + campaign + "'] ";
        waitText(By.cssSelector(card + ".processed-text"), "0 / 4 contacts, 4 remaining");
        waitText(By.cssSelector(card + ".status"), "off");

        try (Database db = Database.openForTool(node.server().config().database()); Connection c = db.dataSource().getConnection()) {
            attempt(c, campaign, list, "c-ann", true, false);
            attempt(c, campaign, list, "c-bob", false, false);
            waitText(By.cssSelector(card + ".processed-text"), "2 / 4 contacts, 2 remaining");
            waitText(By.cssSelector(card + ".connects-text"), "1 connects of 2 dials");
            assertThat(browser.findElement(By.cssSelector(card + ".bar.processed")).getAttribute("aria-valuenow")).isEqualTo("2");
            attempt(c, campaign, list, "c-cy", true, true);
            waitText(By.cssSelector(card + ".abandons-text"), "50.0 % (target 3 %)");
            assertThat(browser.findElement(By.cssSelector(card + ".bar.abandons")).getAttribute("class")).contains("over");
            waitText(By.cssSelector(card + ".processed-text"), "3 / 4 contacts, 1 remaining");
        }

        click(By.cssSelector(card + "button.start"));
        waitText(By.cssSelector(card + ".status"), "on");
        assertThat(status(campaign)).isEqualTo("on");
        assertThat(browser.findElement(By.cssSelector(card + "button.resume")).isEnabled()).isFalse();
        click(By.cssSelector(card + "button.pause"));
        waitText(By.cssSelector(card + ".status"), "paused");
        assertThat(status(campaign)).isEqualTo("paused");
        assertThat(browser.findElement(By.cssSelector(card + "button.pause")).isEnabled()).isFalse();
        click(By.cssSelector(card + "button.resume"));
        waitText(By.cssSelector(card + ".status"), "on");
        assertThat(status(campaign)).isEqualTo("on");
        click(By.cssSelector(card + "button.stop"));
        // on -> stopping, and the runner turns it off once its (no) calls have ended
        waitText(By.cssSelector(card + ".status"), "off");
        assertThat(status(campaign)).isEqualTo("off");

        // the report of today sums the three attempts
        WebDriverWait w = waiting();
        w.until(d -> !d.findElements(By.cssSelector("#report-campaigns input[value='" + campaign + "']")).isEmpty());
        click(By.cssSelector("#report-campaigns input[value='" + campaign + "']"));
        new Select(browser.findElement(By.id("report-granularity"))).selectByValue("day");
        click(By.id("report-show"));
        By total = By.cssSelector("#report-rows tr:last-child");
        w.until(ExpectedConditions.textToBePresentInElementLocated(total, "total"));
        assertThat(browser.findElement(total).getText()).isEqualTo("total 3 2 1 66.67 % 33.33 % 50.00 %");
        // for a reviewer's eye (asserts nothing): target/campaigns-page.png
        browser.manage().window().setSize(new org.openqa.selenium.Dimension(1300, 2000));
        Files.write(Path.of("target", "campaigns-page.png"), browser.getScreenshotAs(org.openqa.selenium.OutputType.BYTES));
    }

    @Test
    void dncNumbersAreAddedAndRemovedFromThePage() throws Exception {
        String dnc = create("/api/v2/outbound/dnclists", "{\"name\":\"page dnc\"}");
        browser.navigate().refresh();
        signIn();
        waiting().until(d -> !d.findElements(By.cssSelector("#dnc-list option[value='" + dnc + "']")).isEmpty());
        new Select(browser.findElement(By.id("dnc-list"))).selectByValue(dnc);
        browser.findElement(By.id("dnc-numbers")).sendKeys("+1 201 555 0701\n+12015550702");
        click(By.id("dnc-add"));
        waitText(By.id("dnc-status"), "Added 2");
        waiting().until(d -> d.findElements(By.cssSelector("#dnc-entries td.address")).size() == 2);
        click(By.cssSelector("#dnc-entries tr:first-child button.remove"));
        waitText(By.id("dnc-status"), "Removed 1");
        waiting().until(d -> d.findElements(By.cssSelector("#dnc-entries td.address")).size() == 1);
        String entries = node.send("GET", "/api/v2/outbound/dnclists/" + dnc + "/entries", null, null).body();
        assertThat(new JsonObject(entries).getLong("total")).isEqualTo(1);

        Path file = tmp.resolve("dnc.csv");
        Files.writeString(file, "phone\n+12015550703\n+12015550704\n", StandardCharsets.UTF_8);
        browser.findElement(By.id("dnc-file")).sendKeys(file.toString());
        click(By.id("dnc-upload"));
        waitText(By.id("dnc-status"), "Uploaded: 2 entries, 0 bad rows");
        waiting().until(d -> d.findElements(By.cssSelector("#dnc-entries td.address")).size() == 3);
    }

    static void signIn() throws Exception {
        String admin = TestServers.token(node.base(), "admin", "admin-secret-0123456789");
        JsonObject client = new JsonObject(node.send("POST", "/api/v2/oauth/clients", admin, "application/json",
                "{\"name\":\"page " + UUID.randomUUID() + "\",\"scopes\":[\"campaigns\",\"messaging\"]}").body());
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("client-id")));
        browser.findElement(By.id("client-id")).sendKeys(client.getString("clientId"));
        browser.findElement(By.id("client-secret")).sendKeys(client.getString("clientSecret"));
        click(By.id("signin-button"));
        waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("upload-form")));
    }

    static void attempt(Connection c, String campaign, String list, String contact, boolean live, boolean abandoned)
            throws Exception {
        AttemptRows.insert(c, node, campaign, list, contact, Instant.now(), live ? "human" : "noAnswer", live, abandoned);
    }

    static String status(String campaign) throws Exception {
        return new JsonObject(node.send("GET", "/api/v2/outbound/campaigns/" + campaign, null, null).body()).getString("campaignStatus");
    }

    static String create(String path, String body) throws Exception {
        return AttemptRows.create(node, path, body);
    }
}
