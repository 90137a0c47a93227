package org.opendialer.api.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent desktop and the supervisor page in a real headless Chromium (Debian's chromium and chromedriver,
 * driven by Selenium; nothing downloaded; every host but the server unresolvable): an agent signs in and goes
 * available, an interaction with participant data enqueued by another node is routed to it and popped on screen
 * with its CRM fields and record link, answered, hung up through the call-control interface, the number put on the
 * do-not-call ledger, wrapped up with a code and notes; the supervisor's waiting count follows live; a preview
 * card pushed over NOTIFY is shown and skipped.
 */
class DesktopBrowserTest {

    @TempDir
    static Path tmp;
    static DesktopFixture fx;
    static WebDriver browser;

    @BeforeAll
    static void boot() throws Exception {
        fx = new DesktopFixture(tmp.resolve("pg"));
        browser = Chromium.start(tmp);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (fx != null) {
            fx.close();
        }
    }

    static WebDriverWait waiting() {
        return new WebDriverWait(browser, Duration.ofSeconds(20));
    }

    static void waitText(String id, String text) {
        waiting().until(ExpectedConditions.textToBe(By.id(id), text));
    }

    static void click(String id) {
        waiting().until(ExpectedConditions.elementToBeClickable(By.id(id))).click();
    }

    @Test
    void anAgentTakesACallFromScreenPopToWrapUpAndTheSupervisorSeesTheQueueLive() throws Exception {
        String skill = fx.create("/api/v2/routing/skills", "{\"name\":\"billing\"}");
        String code = fx.create("/api/v2/routing/wrapupcodes", "{\"name\":\"Resolved\"}");
        String queue = fx.create("/api/v2/routing/queues", "{\"name\":\"Support\",\"alertingTimeoutSeconds\":600,"
                + "\"acwSettings\":{\"timeoutSeconds\":3600}}");
        String agent = fx.agent("Ada Lovelace", "ada", "ada-desk-pass", queue, skill);
        JsonObject routing = fx.ok("POST", "/api/v2/oauth/clients", fx.admin, "{\"name\":\"board\",\"scopes\":[\"routing\"]}");

        // the agent signs in and goes available
        browser.get(fx.base + "/agent/");
        browser.findElement(By.id("username")).sendKeys("ada");
        browser.findElement(By.id("password")).sendKeys("ada-desk-pass");
        click("signin-button");
        waitText("status", "offline");
        waitText("who", "Ada Lovelace");
        click("available");
        waitText("status", "available");
        String agentWindow = browser.getWindowHandle();

        // another node enqueues a call with what the flow learnt; this node's router offers it to the agent
        UUID interaction = fx.enqueueElsewhere(queue, Set.of(UUID.fromString(skill)), "+12015550123", new JsonObject()
                .put("name", "Grace Hopper").put("tier", "gold").put("product", "Fibre 1G").put("nps", "9")
                .put("recordUrl", "https://crm.example.com/records/42").put("accountId", "A-42"));
        fx.server.acd().router().route();
        waitText("status", "alerting");
        waitText("pop-queue", "Support");
        waitText("crm-name", "Grace Hopper");
        waitText("crm-tier", "gold");
        waitText("crm-product", "Fibre 1G");
        waitText("crm-nps", "9");
        waitText("pop-skills", "billing");
        waitText("pop-customer", "+12015550123");
        assertThat(browser.findElement(By.id("pop-record")).getAttribute("href")).isEqualTo("https://crm.example.com/records/42");
        assertThat(browser.findElement(By.id("pop-data")).getText()).contains("accountId").contains("A-42");

        // answered on the SIP phone (the call layer tells the router); the page follows
        fx.server.acd().router().answered(UUID.fromString(agent));
        waitText("status", "onCall");
        click("hangup");
        waitText("status", "wrapUp");
        assertThat(fx.control.calls).containsExactly("hangup " + agent);

        click("dnc");
        DesktopFixture.await("the number is on the ledger", () -> {
            try {
                return fx.send("GET", "/api/v2/outbound/dnc/phone/+12015550123", fx.admin, null).statusCode() == 200;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        // the supervisor's board, live: a second caller waits (the agent is wrapping up), then hangs up
        browser.switchTo().newWindow(WindowType.WINDOW);
        browser.get(fx.base + "/supervisor/");
        browser.findElement(By.id("client-id")).sendKeys(routing.getString("clientId"));
        browser.findElement(By.id("client-secret")).sendKeys(routing.getString("clientSecret"));
        click("signin-button");
        By waitingCell = By.cssSelector("tr[data-queue-id='" + queue + "'] td.waiting");
        waiting().until(ExpectedConditions.textToBe(waitingCell, "0"));
        UUID second = fx.enqueueElsewhere(queue, Set.of(), "+12015550124", new JsonObject());
        waiting().until(ExpectedConditions.textToBe(waitingCell, "1"));
        fx.otherRouter.abandoned(second);
        waiting().until(ExpectedConditions.textToBe(waitingCell, "0"));
        assertThat(browser.findElement(By.cssSelector("tr[data-queue-id='" + queue + "'] td.abandoned")).getText()).isEqualTo("1");
        browser.close();
        browser.switchTo().window(agentWindow);

        // wrap-up from the page: code and notes end up on the interaction
        new Select(browser.findElement(By.id("wrapup-code"))).selectByVisibleText("Resolved");
        browser.findElement(By.id("wrapup-notes")).sendKeys("refund agreed");
        click("wrapup-submit");
        waitText("status", "available");
        JsonObject stored = fx.ok("GET", "/api/v2/interactions/" + interaction, fx.admin, null);
        assertThat(stored.getJsonObject("wrapup").getJsonObject("code").getString("id")).isEqualTo(code);
        assertThat(stored.getJsonObject("wrapup").getString("notes")).isEqualTo("refund agreed");
        assertThat(stored.getJsonObject("participantData").getString("name")).isEqualTo("Grace Hopper");

        // a preview card, pushed from any node, rendered from the event's data; "skip" reaches the campaign side
        List<String> decisions = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx.server.desktop().use((PreviewDecisions) (a, p, call) -> decisions.add(a + " " + p + " " + (call ? "call" : "skip")));
        fx.server.desktop().publish(UUID.fromString(agent), "preview", new JsonObject().put("previewId", "contact-7")
                .put("contact", new JsonObject().put("name", "Alan Turing").put("phone", "+12015550199")));
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-fields"), "Alan Turing"));
        click("preview-skip");
        DesktopFixture.await("the skip reached the campaign side", () -> decisions.contains(agent + " contact-7 skip"));
    }
}
