package org.opendialer.api.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.desktop.Chromium;
import org.opendialer.sip.Baresip;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A due callback to another number than the contact's own, as the agent meets it on a whole dialer node
 * (DialerServer, embedded PostgreSQL, the carrier on 127.0.0.1), a registered baresip agent (auto-answer) and its
 * desktop in headless Chromium: the preview card says where Call goes, and so does the screen pop of the call; the
 * contact's API shows the callback until it is claimed; cancelled while its card is open, the card stops saying so
 * and Call dials the contact's own number. Real time: the callback is scheduled a few seconds ahead.
 */
class CallbackNumberDeskBrowserTest {

    private static final String NOTE = "Callback to +12015550762 (not the contact's own number)";

    @TempDir
    static Path tmp;
    static InboundRig rig;

    @BeforeAll
    static void boot() throws Exception {
        rig = new InboundRig(tmp);
    }

    @AfterAll
    static void stop() {
        if (rig != null) {
            rig.close();
        }
    }

    @Test
    void theCardAndTheScreenPopOfADueCallbackNameItsOwnNumber() throws Exception {
        String queue = rig.create("/api/v2/routing/queues", new JsonObject().put("name", "outbound-callback-number")
                .put("alertingTimeoutSeconds", 20).put("acwSettings", new JsonObject().put("timeoutSeconds", 600)));
        String sipUser = "cal" + System.nanoTime() % 100000;
        rig.agent("Cal Back", sipUser, "cal-sip-secret-1", "cal-desk-pass-1", queue, List.of());
        String list = rig.ok("POST", "/api/v2/outbound/contactlists", new JsonObject().put("name", "callback number list")
                .put("csv", "name,phone\nRae Other,+12015550761\n")
                .put("phoneColumns", new JsonArray().add("phone"))).getString("id");
        JsonObject campaign = rig.ok("POST", "/api/v2/outbound/campaigns", new JsonObject().put("name", "callback number")
                .put("contactListId", list).put("dialingMode", "preview").put("queueId", queue)
                .put("callerIdAddress", "+15550001111").put("amd", new JsonObject().put("enabled", false)));
        String campaignUri = campaign.getString("selfUri");
        rig.ok("POST", campaignUri + "/start", null);

        WebDriver browser = Chromium.start(tmp);
        try (Baresip phone = Baresip.register(sipUser, "cal-sip-secret-1", rig.server.sipPort(),
                new Baresip.Options(true, 1100, null))) {
            InboundRig.await("cal's phone registered", () -> rig.registered(sipUser), phone::log);
            WebDriverWait page = rig.signIn(browser, sipUser, "cal-desk-pass-1", "Cal Back", Duration.ofSeconds(60));
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-fields"), "Rae Other"));
            assertThat(browser.findElement(By.id("preview-callback")).isDisplayed()).as("no callback yet").isFalse();

            // a callback a few seconds ahead, to Rae's other number, from the card
            String agentToken = (String) ((JavascriptExecutor) browser).executeScript(
                    "return sessionStorage.getItem('agentToken')");
            String firstCard = (String) ((JavascriptExecutor) browser).executeScript("return previewId");
            HttpResponse<String> scheduled = rig.send("POST", "/api/v2/users/me/previews/" + firstCard + "/callback",
                    agentToken, new JsonObject().put("callbackScheduledTime", Instant.now().plusSeconds(8).toString())
                            .put("callbackNumbers", new JsonArray().add("201 555 0762")).encode());
            assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
            String contactId = new JsonObject(scheduled.body()).getString("contactId");
            JsonObject before = rig.ok("GET", "/api/v2/outbound/contactlists/" + list + "/contacts/" + contactId, null);
            assertThat(before.getString("callbackNumber")).as(before.encode()).isEqualTo("+12015550762");
            assertThat(before.getString("callbackScheduledTime")).isNotBlank();

            // when due, the card comes back to this agent and says where Call goes
            page.until(ExpectedConditions.textToBe(By.id("preview-callback"), NOTE));
            assertThat(browser.findElement(By.id("preview-fields")).getText()).contains("Rae Other", "+12015550761");

            page.until(ExpectedConditions.elementToBeClickable(By.id("preview-call"))).click();
            InboundRig.await("cal's phone answers the call", () -> phone.log().contains("Call established"), phone::log);
            page.until(ExpectedConditions.textToBe(By.id("status"), "onCall"));
            page.until(ExpectedConditions.textToBe(By.id("pop-customer"), "+12015550762"));
            page.until(ExpectedConditions.textToBe(By.id("pop-callback"), NOTE));
            JsonObject me = new JsonObject(rig.send("GET", "/api/v2/users/me", agentToken, null).body());
            assertThat(me.getJsonObject("interaction").getString("callbackNumber")).isEqualTo("+12015550762");
            JsonObject claimed = rig.ok("GET", "/api/v2/outbound/contactlists/" + list + "/contacts/" + contactId, null);
            assertThat(claimed.getValue("callbackNumber")).as("cleared by the claim").isNull();
            assertThat(claimed.getValue("callbackScheduledTime")).isNull();

            HttpResponse<String> hangup = rig.send("POST", "/api/v2/users/me/interaction/hangup", agentToken, null);
            assertThat(hangup.statusCode()).as(hangup.body()).isEqualTo(200);
        } finally {
            browser.quit();
            rig.ok("POST", campaignUri + "/stop", null);
        }
    }

    @Test
    void aCallbackCancelledWhileItsCardIsOpenLeavesTheCardCallingTheContactsOwnNumber() throws Exception {
        String queue = rig.create("/api/v2/routing/queues", new JsonObject().put("name", "outbound-callback-cancel")
                .put("alertingTimeoutSeconds", 20).put("acwSettings", new JsonObject().put("timeoutSeconds", 600)));
        String sipUser = "ned" + System.nanoTime() % 100000;
        rig.agent("Ned Cancel", sipUser, "ned-sip-secret-1", "ned-desk-pass-1", queue, List.of());
        String list = rig.ok("POST", "/api/v2/outbound/contactlists", new JsonObject().put("name", "callback cancel list")
                .put("csv", "name,phone\nNed Own,+12015550771\n")
                .put("phoneColumns", new JsonArray().add("phone"))).getString("id");
        JsonObject campaign = rig.ok("POST", "/api/v2/outbound/campaigns", new JsonObject().put("name", "callback cancel")
                .put("contactListId", list).put("dialingMode", "preview").put("queueId", queue)
                .put("callerIdAddress", "+15550001111").put("amd", new JsonObject().put("enabled", false)));
        String campaignUri = campaign.getString("selfUri");
        rig.ok("POST", campaignUri + "/start", null);

        WebDriver browser = Chromium.start(tmp);
        try (Baresip phone = Baresip.register(sipUser, "ned-sip-secret-1", rig.server.sipPort(),
                new Baresip.Options(true, 1100, null))) {
            InboundRig.await("ned's phone registered", () -> rig.registered(sipUser), phone::log);
            WebDriverWait page = rig.signIn(browser, sipUser, "ned-desk-pass-1", "Ned Cancel", Duration.ofSeconds(60));
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-fields"), "Ned Own"));
            String agentToken = (String) ((JavascriptExecutor) browser).executeScript(
                    "return sessionStorage.getItem('agentToken')");
            String firstCard = (String) ((JavascriptExecutor) browser).executeScript("return previewId");
            HttpResponse<String> scheduled = rig.send("POST", "/api/v2/users/me/previews/" + firstCard + "/callback",
                    agentToken, new JsonObject().put("callbackScheduledTime", Instant.now().plusSeconds(8).toString())
                            .put("callbackNumbers", new JsonArray().add("+12015550772")).encode());
            assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
            String contactId = new JsonObject(scheduled.body()).getString("contactId");
            page.until(ExpectedConditions.textToBe(By.id("preview-callback"),
                    "Callback to +12015550772 (not the contact's own number)"));

            // an administrator cancels it while the card is open: the card, sent again, no longer says so
            HttpResponse<String> cancel = rig.send("DELETE", campaignUri + "/contacts/" + contactId + "/callback",
                    rig.admin, null);
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            page.until(ExpectedConditions.invisibilityOfElementLocated(By.id("preview-callback")));

            page.until(ExpectedConditions.elementToBeClickable(By.id("preview-call"))).click();
            page.until(ExpectedConditions.textToBe(By.id("status"), "onCall"));
            page.until(ExpectedConditions.textToBe(By.id("pop-customer"), "+12015550771"));
            assertThat(browser.findElement(By.id("pop-callback")).isDisplayed()).isFalse();
            HttpResponse<String> hangup = rig.send("POST", "/api/v2/users/me/interaction/hangup", agentToken, null);
            assertThat(hangup.statusCode()).as(hangup.body()).isEqualTo(200);
        } finally {
            browser.quit();
            rig.ok("POST", campaignUri + "/stop", null);
        }
    }
}
