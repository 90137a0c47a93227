package org.opendialer.api.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
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
 * A callback from the screen pop of a progressive campaign's call (not a preview card) on a whole dialer node
 * (DialerServer, embedded PostgreSQL, the carrier on 127.0.0.1), a registered baresip agent (auto-answer) and its
 * desktop in headless Chromium: during the call the agent picks a time and schedules it; the decision log and the
 * gate (dry run) hold the record until then, the contact's API and the list's export show it, and an administrator
 * cancels it; with no campaign call the API refuses (409).
 */
class CampaignCallCallbackBrowserTest {

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
    void anAgentOnAProgressiveCallSchedulesACallbackFromTheScreenPop() throws Exception {
        String code = rig.create("/api/v2/routing/wrapupcodes", new JsonObject().put("name", "Call back"));
        String queue = rig.create("/api/v2/routing/queues", new JsonObject().put("name", "outbound-progressive")
                .put("alertingTimeoutSeconds", 20).put("acwSettings", new JsonObject().put("timeoutSeconds", 600)));
        String sipUser = "pat" + System.nanoTime() % 100000;
        rig.agent("Pat Progress", sipUser, "pat-sip-secret-1", "pat-desk-pass-1", queue, List.of());
        String list = rig.ok("POST", "/api/v2/outbound/contactlists", new JsonObject().put("name", "progressive list")
                .put("csv", "name,phone\nRae Recall,+12015550741\n")
                .put("phoneColumns", new JsonArray().add("phone"))).getString("id");
        JsonObject campaign = rig.ok("POST", "/api/v2/outbound/campaigns", new JsonObject().put("name", "progressive callback")
                .put("contactListId", list).put("dialingMode", "progressive").put("queueId", queue)
                .put("callerIdAddress", "+15550001111").put("amd", new JsonObject().put("enabled", false))
                .put("agentMode", new JsonObject().put("safeHarbourCompany", "Acme").put("safeHarbourNumber", "555 0100")));
        String campaignUri = campaign.getString("selfUri");

        WebDriver browser = Chromium.start(tmp);
        try (Baresip phone = Baresip.register(sipUser, "pat-sip-secret-1", rig.server.sipPort(),
                new Baresip.Options(true, 1100, null))) {
            InboundRig.await("pat's phone registered", () -> rig.registered(sipUser), phone::log);
            WebDriverWait page = new WebDriverWait(browser, Duration.ofSeconds(30));
            page.withMessage(() -> "page message: '" + browser.findElement(By.id("message")).getText() + "', status "
                    + browser.findElement(By.id("status")).getText());
            browser.get(rig.base + "/agent/");
            browser.findElement(By.id("username")).sendKeys(sipUser);
            browser.findElement(By.id("password")).sendKeys("pat-desk-pass-1");
            page.until(ExpectedConditions.elementToBeClickable(By.id("signin-button"))).click();
            page.until(ExpectedConditions.textToBe(By.id("who"), "Pat Progress"));
            page.until(ExpectedConditions.elementToBeClickable(By.id("available"))).click();
            page.until(ExpectedConditions.textToBe(By.id("status"), "available"));
            String agentToken = (String) ((JavascriptExecutor) browser).executeScript(
                    "return sessionStorage.getItem('agentToken')");
            HttpResponse<String> idle = rig.send("POST", "/api/v2/users/me/interaction/callback", agentToken,
                    new JsonObject().put("callbackScheduledTime", java.time.Instant.now().plusSeconds(3600).toString()).encode());
            assertThat(idle.statusCode()).as("no campaign call: " + idle.body()).isEqualTo(409);

            rig.ok("POST", campaignUri + "/start", null);
            page.until(ExpectedConditions.textToBe(By.id("status"), "onCall"));
            page.until(ExpectedConditions.textToBe(By.id("pop-customer"), "+12015550741"));
            page.until(ExpectedConditions.visibilityOfElementLocated(By.id("callback")));
            assertThat(browser.findElement(By.id("callback-contact")).getText()).isEqualTo("(Rae Recall)");
            HttpResponse<String> badNumber = rig.send("POST", "/api/v2/users/me/interaction/callback", agentToken,
                    new JsonObject().put("callbackScheduledTime", java.time.Instant.now().plusSeconds(3600).toString())
                            .put("callbackNumbers", new JsonArray().add("x")).encode());
            assertThat(badNumber.statusCode()).as(badNumber.body()).isEqualTo(400);
            assertThat(badNumber.body()).contains("callbackNumbers: 'x' is not a phone number");

            // tomorrow at 10:00 local, to Rae's other number (the campaign tests dial it when due)
            LocalDateTime tomorrow = LocalDateTime.now().plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(10);
            ((JavascriptExecutor) browser).executeScript("document.getElementById('callback-at').value = arguments[0]",
                    tomorrow.toString());
            browser.findElement(By.id("callback-number")).sendKeys("201 555 0742");
            browser.findElement(By.id("callback-go")).click();
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "scheduled"));
            assertThat(browser.findElement(By.id("message")).getText()).endsWith(" to +12015550742");

            // the call ends through the agent's API (the page's own buttons are PreviewDesktopEndToEndTest's; here
            // the page once missed the wrapUp event of its stream under load and waited on a stale status)
            HttpResponse<String> hangup = rig.send("POST", "/api/v2/users/me/interaction/hangup", agentToken, null);
            assertThat(hangup.statusCode()).as(hangup.body()).isEqualTo(200);
            InboundRig.awaitApi("pat in wrap-up", () -> "wrapUp".equals(new JsonObject(rig.send("GET", "/api/v2/users/me",
                    agentToken, null).body()).getJsonObject("routingStatus").getString("status")));
            HttpResponse<String> wrapUp = rig.send("POST", "/api/v2/users/me/interaction/wrapup", agentToken,
                    new JsonObject().put("codeId", code).encode());
            assertThat(wrapUp.statusCode()).as(wrapUp.body()).isEqualTo(200);

            InboundRig.awaitApi("the attempt settled", () -> {
                JsonArray a = rig.ok("GET", campaignUri + "/attempts", null).getJsonArray("entities");
                return a.size() == 1 && a.getJsonObject(0).getString("result") != null;
            });
            String contact = rig.ok("GET", campaignUri + "/attempts", null).getJsonArray("entities").getJsonObject(0)
                    .getString("contactId");
            List<String> codes = rig.ok("GET", campaignUri + "/decisions?pageSize=100&contactId=" + contact, null)
                    .getJsonArray("entities").stream().map(o -> ((JsonObject) o).getString("code")).toList();
            assertThat(codes).contains("dialed", "callbackScheduled");
            JsonObject rae = rig.ok("GET", campaignUri + "/dryrun?pageSize=100", null).getJsonArray("entities").stream()
                    .map(o -> (JsonObject) o).filter(o -> contact.equals(o.getString("contactId"))).findFirst().orElseThrow();
            assertThat(rae.encode()).as("the gate holds the record until its callback").contains(
                    tomorrow.atZone(ZoneId.systemDefault()).toInstant().toString());
            assertThat(rig.ok("GET", campaignUri, null).getString("campaignStatus")).as("a callback is pending")
                    .isEqualTo("on");

            // the contact's API and the list's export show the callback and its own number
            String raeUri = "/api/v2/outbound/contactlists/" + list + "/contacts/" + contact;
            String at = tomorrow.atZone(ZoneId.systemDefault()).toInstant().toString();
            JsonObject scheduled = rig.ok("GET", raeUri, null);
            assertThat(scheduled.getString("callbackScheduledTime")).as(scheduled.encode()).isEqualTo(at);
            assertThat(scheduled.getString("callbackNumber")).isEqualTo("+12015550742");
            HttpResponse<String> csv = rig.send("GET", "/api/v2/outbound/contactlists/" + list + "/export", rig.admin, null);
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.body().lines().toList()).first().asString().endsWith(",outbound-callback-time,outbound-callback-number");
            assertThat(csv.body()).contains("," + at + ",+12015550742");

            // cancelled by an administrator: cleared, logged, and a second cancel finds nothing
            HttpResponse<String> cancel = rig.send("DELETE", campaignUri + "/contacts/" + contact + "/callback", rig.admin,
                    null);
            assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
            assertThat(new JsonObject(cancel.body()).getJsonArray("callbackNumbers")).containsExactly("+12015550742");
            assertThat(new JsonObject(cancel.body()).getString("callbackScheduledTime")).isEqualTo(at);
            JsonObject cleared = rig.ok("GET", raeUri, null);
            assertThat(cleared.getValue("callbackScheduledTime")).as(cleared.encode()).isNull();
            assertThat(cleared.getValue("callbackNumber")).isNull();
            JsonObject logged = rig.ok("GET", campaignUri + "/decisions?pageSize=1&contactId=" + contact, null)
                    .getJsonArray("entities").getJsonObject(0);
            assertThat(logged.getString("code")).isEqualTo("callbackCancelled");
            assertThat(logged.getString("detail")).contains(" to +12015550742 was cancelled by API client ");
            HttpResponse<String> again = rig.send("DELETE", campaignUri + "/contacts/" + contact + "/callback", rig.admin,
                    null);
            assertThat(again.statusCode()).as(again.body()).isEqualTo(404);
            HttpResponse<String> asAgent = rig.send("DELETE", campaignUri + "/contacts/" + contact + "/callback",
                    agentToken, null);
            assertThat(asAgent.statusCode()).as("the campaigns scope, not the agent's").isEqualTo(403);
        } finally {
            browser.quit();
            rig.ok("POST", campaignUri + "/stop", null);
        }
    }
}
