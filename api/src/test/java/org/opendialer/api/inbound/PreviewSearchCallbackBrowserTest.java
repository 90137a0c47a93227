package org.opendialer.api.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.desktop.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Preview's search and callback on a whole dialer node (DialerServer, embedded PostgreSQL) with the agent's desktop
 * in headless Chromium: the agent searches the campaign's list by a column's value, sees why a record may not be
 * called (the DNC list), is refused when it takes that one anyway (the decision log says why), takes a callable one
 * in place of its card, and schedules a callback for it from the script's {@code callback} action; the API refuses
 * the same operations to a token without the agent scope. No call is placed.
 */
class PreviewSearchCallbackBrowserTest {

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
    void anAgentSearchesTakesACallableRecordAndSchedulesItsCallback() throws Exception {
        String queue = rig.create("/api/v2/routing/queues", new JsonObject().put("name", "preview-search"));
        String sipUser = "sol" + System.nanoTime() % 100000;
        rig.agent("Sol Search", sipUser, "sol-sip-secret-1", "sol-desk-pass-1", queue, List.of());
        rig.ok("POST", "/api/v2/outbound/dnc/phone", new JsonObject().put("address", "+12015550721"));
        String list = rig.ok("POST", "/api/v2/outbound/contactlists", new JsonObject().put("name", "search list")
                .put("csv", "name,phone,city\nAnn Able,+12015550720,Lyon\nDee Nocall,+12015550721,Paris\n"
                        + "Bob Baker,+12015550722,Paris\n")
                .put("phoneColumns", new JsonArray().add("phone"))).getString("id");
        JsonObject campaign = rig.ok("POST", "/api/v2/outbound/campaigns", new JsonObject().put("name", "preview search")
                .put("contactListId", list).put("dialingMode", "preview").put("queueId", queue)
                .put("callerIdAddress", "+15550001111").put("amd", new JsonObject().put("enabled", false))
                .put("agentMode", new JsonObject().put("script", new JsonObject()
                        .put("template", "<p>Hello {{name}}</p>")
                        .put("actions", new JsonArray().add(new JsonObject().put("label", "Call back later")
                                .put("kind", "callback"))))));
        String campaignId = campaign.getString("id");
        String campaignUri = campaign.getString("selfUri");
        rig.ok("POST", campaignUri + "/start", null);

        WebDriver browser = Chromium.start(tmp);
        try {
            WebDriverWait page = new WebDriverWait(browser, Duration.ofSeconds(30));
            page.withMessage(() -> "page message: '" + browser.findElement(By.id("message")).getText() + "', status "
                    + browser.findElement(By.id("status")).getText());
            browser.get(rig.base + "/agent/");
            browser.findElement(By.id("username")).sendKeys(sipUser);
            browser.findElement(By.id("password")).sendKeys("sol-desk-pass-1");
            page.until(ExpectedConditions.elementToBeClickable(By.id("signin-button"))).click();
            page.until(ExpectedConditions.textToBe(By.id("who"), "Sol Search"));
            page.until(ExpectedConditions.elementToBeClickable(By.id("available"))).click();
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-fields"), "Ann Able"));

            // search by city: Dee is on the DNC list (the gate's reason shown), Bob may be called now
            browser.findElement(By.id("search-column")).clear();
            browser.findElement(By.id("search-column")).sendKeys("city");
            browser.findElement(By.id("search-value")).sendKeys("paris");
            browser.findElement(By.id("search-go")).click();
            page.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#search-results tr"), 2));
            List<String> reasons = browser.findElements(By.cssSelector("#search-results .search-reason")).stream()
                    .map(e -> e.getText()).toList();
            assertThat(reasons.get(0)).startsWith("dnc");
            assertThat(reasons.get(1)).isEqualTo("callable now");

            browser.findElements(By.cssSelector("#search-results .search-take")).get(0).click(); // Dee anyway
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "dnc"));
            assertThat(browser.findElement(By.id("preview-fields")).getText()).as("Ann's card stays").contains("Ann Able");
            String dee = browser.findElements(By.cssSelector("#search-results tr")).get(0).getAttribute("data-contact-id");
            assertThat(decisions(campaignUri, dee)).as("the refusal is in the decision log").contains("dnc");

            browser.findElements(By.cssSelector("#search-results .search-take")).get(1).click(); // Bob
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-fields"), "Bob Baker"));
            page.until(ExpectedConditions.textToBe(By.id("status"), "previewing"));

            // a callback for Bob tomorrow at 10:00 local time to his other number, from the script's action button
            LocalDateTime tomorrow = LocalDateTime.now().plusDays(1).truncatedTo(ChronoUnit.DAYS).withHour(10);
            setValue(browser, "callback-at", tomorrow.toString());
            browser.findElement(By.id("callback-number")).sendKeys("(201) 555-0734");
            browser.findElement(By.cssSelector("#preview-script-actions button.script-action")).click();
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "scheduled"));
            assertThat(browser.findElement(By.id("message")).getText()).as("read in the list's region")
                    .endsWith(" to +12015550734");
            String bob = browser.findElements(By.cssSelector("#search-results tr")).get(1).getAttribute("data-contact-id");
            assertThat(decisions(campaignUri, bob)).contains("callbackScheduled", "previewed");
            // the card after it is Ann's again (released when Bob was taken), not Bob's: his callback is tomorrow
            page.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview-fields"), "Ann Able"));
            String agentToken = (String) ((JavascriptExecutor) browser).executeScript(
                    "return sessionStorage.getItem('agentToken')");
            JsonObject dryRun = rig.ok("GET", campaignUri + "/dryrun?pageSize=100", null);
            JsonObject bobNow = dryRun.getJsonArray("entities").stream().map(o -> (JsonObject) o)
                    .filter(o -> bob.equals(o.getString("contactId"))).findFirst().orElseThrow();
            assertThat(bobNow.encode()).as("the gate holds Bob until his callback").contains(
                    tomorrow.atZone(ZoneId.systemDefault()).toInstant().toString());

            // a paged list (Genesys'): one match per page, the second page is Bob's, past the last page nothing
            JsonObject second = search(agentToken, campaignId, 1, 2);
            assertThat(second.getInteger("total")).isEqualTo(2);
            assertThat(second.getInteger("pageCount")).isEqualTo(2);
            assertThat(second.getInteger("pageSize")).isEqualTo(1);
            assertThat(second.getInteger("pageNumber")).isEqualTo(2);
            assertThat(second.getJsonArray("records")).singleElement()
                    .satisfies(o -> assertThat(((JsonObject) o).getString("contactId")).isEqualTo(bob));
            assertThat(search(agentToken, campaignId, 1, 3).getJsonArray("records")).isEmpty();
            HttpResponse<String> tooBig = rig.send("POST", "/api/v2/users/me/previewrecords/search", agentToken,
                    new JsonObject().put("campaignId", campaignId).put("column", "city").put("value", "paris")
                            .put("pageSize", 101).encode());
            assertThat(tooBig.statusCode()).as(tooBig.body()).isEqualTo(400);

            // the agent scope is required: an administrator's token is not an agent's
            HttpResponse<String> admin = rig.send("POST", "/api/v2/users/me/previewrecords/search", rig.admin,
                    new JsonObject().put("campaignId", campaignId).put("column", "city").put("value", "paris").encode());
            assertThat(admin.statusCode()).as(admin.body()).isIn(403, 404);
            HttpResponse<String> past = rig.send("POST", "/api/v2/users/me/previews/" + java.util.UUID.randomUUID()
                    + "/callback", agentToken, new JsonObject().put("callbackScheduledTime",
                    Instant.now().minusSeconds(60).toString()).encode());
            assertThat(past.statusCode()).as(past.body()).isEqualTo(400);
            HttpResponse<String> bad = rig.send("POST", "/api/v2/users/me/previewrecords", agentToken,
                    new JsonObject().put("campaignId", "not-a-uuid").put("contactId", "x").encode());
            assertThat(bad.statusCode()).as(bad.body()).isEqualTo(400);

            // Genesys' callbackNumbers on Ann's card: a bad number, or two, is a 400 saying why and changes nothing;
            // one number is read in the list's region and scheduled (the campaign tests dial it when due)
            String annPreview = (String) ((JavascriptExecutor) browser).executeScript("return previewId");
            String tomorrowAt = Instant.now().plus(1, ChronoUnit.DAYS).toString();
            HttpResponse<String> notANumber = callback(agentToken, annPreview, tomorrowAt, "call me maybe");
            assertThat(notANumber.statusCode()).as(notANumber.body()).isEqualTo(400);
            assertThat(notANumber.body()).contains("callbackNumbers: 'call me maybe' is not a phone number");
            HttpResponse<String> two = callback(agentToken, annPreview, tomorrowAt, "+12015550731", "+12015550732");
            assertThat(two.statusCode()).as(two.body()).isEqualTo(400);
            assertThat(two.body()).contains("one number supported");
            assertThat(browser.findElement(By.id("preview-fields")).getText()).as("Ann's card stays").contains("Ann Able");
            HttpResponse<String> other = callback(agentToken, annPreview, tomorrowAt, "(201) 555-0733");
            assertThat(other.statusCode()).as(other.body()).isEqualTo(200);
            assertThat(new JsonObject(other.body()).getJsonArray("callbackNumbers")).containsExactly("+12015550733");
        } finally {
            browser.quit();
            rig.ok("POST", campaignUri + "/stop", null);
        }
    }

    private static HttpResponse<String> callback(String token, String previewId, String at, String... numbers)
            throws Exception {
        return rig.send("POST", "/api/v2/users/me/previews/" + previewId + "/callback", token, new JsonObject()
                .put("callbackScheduledTime", at).put("callbackNumbers", new JsonArray(List.of(numbers)))
                .encode());
    }

    private static JsonObject search(String token, String campaignId, int pageSize, int pageNumber) throws Exception {
        HttpResponse<String> r = rig.send("POST", "/api/v2/users/me/previewrecords/search", token, new JsonObject()
                .put("campaignId", campaignId).put("column", "city").put("value", "paris").put("pageSize", pageSize)
                .put("pageNumber", pageNumber).encode());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    private static List<String> decisions(String campaignUri, String contactId) throws Exception {
        return rig.ok("GET", campaignUri + "/decisions?pageSize=100&contactId=" + contactId, null).getJsonArray("entities")
                .stream().map(o -> ((JsonObject) o).getString("code")).toList();
    }

    /** Sets an input's value as the page's own script reads it (a datetime-local field takes no typed text). */
    private static void setValue(WebDriver browser, String id, String value) {
        ((JavascriptExecutor) browser).executeScript("document.getElementById(arguments[0]).value = arguments[1]", id, value);
    }
}
