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

    private static final String NUMBER = "+12015550762";
    private static final String NOTE = "Callback to " + NUMBER + " (not the contact's own number)";

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

    /** The agent's desk with the card of a callback due to another number, while the scenario runs. */
    private record Desk(WebDriver browser, WebDriverWait page, Baresip phone, String agentToken, String contactId,
                        String listId, String campaignUri) {
    }

    @FunctionalInterface
    private interface Scenario {
        void run(Desk desk) throws Exception;
    }

    /**
     * A preview campaign over one contact ({@code name} at {@code own}) and an agent {@code user} signed in with a
     * registered phone; the agent schedules, from the first card, a callback a few seconds ahead to {@code other};
     * {@code scenario} starts once the card of the due callback says so. Stops the campaign afterwards.
     */
    private static void dueCallback(String user, String name, String own, String other, Scenario scenario)
            throws Exception {
        String queue = rig.create("/api/v2/routing/queues", new JsonObject().put("name", "outbound-" + user)
                .put("alertingTimeoutSeconds", 20).put("acwSettings", new JsonObject().put("timeoutSeconds", 600)));
        String sipUser = user + System.nanoTime() % 100000;
        rig.agent(user + " Agent", sipUser, user + "-sip-secret-1", user + "-desk-pass-1", queue, List.of());
        String list = rig.ok("POST", "/api/v2/outbound/contactlists", new JsonObject().put("name", user + " list")
                .put("csv", "name,phone\n" + name + "," + own + "\n")
                .put("phoneColumns", new JsonArray().add("phone"))).getString("id");
        String campaignUri = rig.ok("POST", "/api/v2/outbound/campaigns", new JsonObject().put("name", user + " campaign")
                .put("contactListId", list).put("dialingMode", "preview").put("queueId", queue)
                .put("callerIdAddress", "+15550001111").put("amd", new JsonObject().put("enabled", false)))
                .getString("selfUri");
        rig.ok("POST", campaignUri + "/start", null);

        WebDriver browser = Chromium.start(tmp);
        try (Baresip phone = Baresip.register(sipUser, user + "-sip-secret-1", rig.server.sipPort(),
                new Baresip.Options(true, 1100, null))) {
            InboundRig.await(user + "'s phone registered", () -> rig.registered(sipUser), phone::log);
            WebDriverWait page = rig.signIn(browser, sipUser, user + "-desk-pass-1", user + " Agent", Duration.ofSeconds(60));
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-fields"), name));
            assertThat(browser.findElement(By.id("preview-callback")).isDisplayed()).as("no callback yet").isFalse();
            String agentToken = (String) ((JavascriptExecutor) browser).executeScript(
                    "return sessionStorage.getItem('agentToken')");
            String firstCard = (String) ((JavascriptExecutor) browser).executeScript("return previewId");
            HttpResponse<String> scheduled = rig.send("POST", "/api/v2/users/me/previews/" + firstCard + "/callback",
                    agentToken, new JsonObject().put("callbackScheduledTime", Instant.now().plusSeconds(8).toString())
                            .put("callbackNumbers", new JsonArray().add(other)).encode());
            assertThat(scheduled.statusCode()).as(scheduled.body()).isEqualTo(200);
            String contactId = new JsonObject(scheduled.body()).getString("contactId");
            Desk desk = new Desk(browser, page, phone, agentToken, contactId, list, campaignUri);
            JsonObject before = rig.ok("GET", contactUri(desk), null);
            assertThat(before.getString("callbackNumber")).as(before.encode()).isEqualTo(NUMBER);
            assertThat(before.getString("callbackScheduledTime")).isNotBlank();

            // when due, the card comes back to this agent and says where Call goes
            page.until(ExpectedConditions.textToBe(By.id("preview-callback"), NOTE));
            assertThat(browser.findElement(By.id("preview-fields")).getText()).contains(name, own);
            scenario.run(desk);
            HttpResponse<String> hangup = rig.send("POST", "/api/v2/users/me/interaction/hangup", agentToken, null);
            assertThat(hangup.statusCode()).as(hangup.body()).isEqualTo(200);
        } finally {
            browser.quit();
            rig.ok("POST", campaignUri + "/stop", null);
        }
    }

    private static String contactUri(Desk desk) {
        return "/api/v2/outbound/contactlists/" + desk.listId() + "/contacts/" + desk.contactId();
    }

    @Test
    void theCardAndTheScreenPopOfADueCallbackNameItsOwnNumber() throws Exception {
        dueCallback("cal", "Rae Other", "+12015550761", "201 555 0762", desk -> {
            WebDriverWait page = desk.page();
            page.until(ExpectedConditions.elementToBeClickable(By.id("preview-call"))).click();
            InboundRig.await("the phone answers the call", () -> desk.phone().log().contains("Call established"),
                    desk.phone()::log);
            page.until(ExpectedConditions.textToBe(By.id("status"), "onCall"));
            page.until(ExpectedConditions.textToBe(By.id("pop-customer"), NUMBER));
            page.until(ExpectedConditions.textToBe(By.id("pop-callback"), NOTE));
            JsonObject me = new JsonObject(rig.send("GET", "/api/v2/users/me", desk.agentToken(), null).body());
            assertThat(me.getJsonObject("interaction").getString("callbackNumber")).isEqualTo(NUMBER);
            JsonObject claimed = rig.ok("GET", contactUri(desk), null);
            assertThat(claimed.getValue("callbackNumber")).as("cleared by the claim").isNull();
            assertThat(claimed.getValue("callbackScheduledTime")).isNull();
        });
    }

    @Test
    void aCallbackCancelledWhileItsCardIsOpenLeavesTheCardCallingTheContactsOwnNumber() throws Exception {
        dueCallback("ned", "Ned Own", "+12015550771", "+12015550762", desk -> {
            // an administrator cancels it while the card is open: the card, sent again, no longer says so
            HttpResponse<String> cancel = rig.send("DELETE", desk.campaignUri() + "/contacts/" + desk.contactId()
                    + "/callback", rig.admin, null);
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            WebDriverWait page = desk.page();
            page.until(ExpectedConditions.invisibilityOfElementLocated(By.id("preview-callback")));
            page.until(ExpectedConditions.elementToBeClickable(By.id("preview-call"))).click();
            page.until(ExpectedConditions.textToBe(By.id("status"), "onCall"));
            page.until(ExpectedConditions.textToBe(By.id("pop-customer"), "+12015550771"));
            assertThat(desk.browser().findElement(By.id("pop-callback")).isDisplayed()).isFalse();
        });
    }
}
