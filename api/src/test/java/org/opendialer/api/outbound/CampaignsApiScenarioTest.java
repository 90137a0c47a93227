package org.opendialer.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.TestServers;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;

/** Voice campaigns through the REST API of a whole node: settings and their rules, status moves, the dry run. */
class CampaignsApiScenarioTest {

    @TempDir
    static Path tmp;
    static DialerServer server;

    @BeforeAll
    static void boot() throws Exception {
        var config = new ConfigLoader().load(null, Map.of("DIALER_API_PORT", "0", "DIALER_SIP_PORT", "0",
                "DIALER_DATA_DIR", tmp.resolve("pg").toString()));
        server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", "admin", "DIALER_ADMIN_CLIENT_SECRET", "admin-secret-0123456789"));
        OutboundApiScenarioTest.base = "http://127.0.0.1:" + server.apiPort();
        String admin = TestServers.token(OutboundApiScenarioTest.base, "admin", "admin-secret-0123456789");
        JsonObject client = new JsonObject(OutboundApiScenarioTest.send("POST", "/api/v2/oauth/clients", admin, "application/json",
                "{\"name\":\"campaigns\",\"scopes\":[\"campaigns\",\"messaging\"]}").body());
        OutboundApiScenarioTest.token = TestServers.token(OutboundApiScenarioTest.base, client.getString("clientId"), client.getString("clientSecret"));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    static String list(String csv) throws Exception {
        return OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/contactlists", new JsonObject()
                .put("name", "voice " + UUID.randomUUID()).put("csv", csv).put("phoneColumns", new io.vertx.core.json.JsonArray().add("phone"))
                .encode()), 201).getString("id");
    }

    @Test
    void settingsTakeDefaultsRefuseARingUnderFifteenSecondsAndUpdateByVersion() throws Exception {
        String list = list("name,phone\nAnn,+12015550501\n");
        JsonObject body = new JsonObject().put("name", "c " + UUID.randomUUID()).put("contactListId", list).put("message", "Hi {{name}}");
        JsonObject c = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/campaigns", body.encode()), 201);
        assertThat(c.getString("campaignStatus")).isEqualTo("off");
        assertThat(c.getString("dialingMode")).isEqualTo("agentless");
        assertThat(c.getDouble("abandonRate")).isEqualTo(3.0);
        assertThat(c.getInteger("noAnswerTimeoutSeconds")).isEqualTo(25);
        assertThat(c.getJsonObject("retryDelays").getInteger("busy")).isEqualTo(300);
        assertThat(c.getJsonObject("amd").getString("machineAction")).isEqualTo("messageAfterBeep");
        assertThat(c.getInteger("version")).isEqualTo(1);
        String self = c.getString("selfUri");

        JsonObject tooShort = OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/campaigns",
                body.copy().put("name", "short").put("noAnswerTimeoutSeconds", 10).encode()), 400);
        assertThat(tooShort.getString("detail")).contains("noAnswerTimeoutSeconds").contains("15 s");
        OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/campaigns",
                body.copy().put("name", "nolist").put("contactListId", UUID.randomUUID().toString()).encode()), 400);
        OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/campaigns",
                body.copy().put("name", "mode").put("dialingMode", "robocall").encode()), 400);

        JsonObject changed = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("PUT", self, c.copy().put("maxLines", 4).encode()), 200);
        assertThat(changed.getInteger("maxLines")).isEqualTo(4);
        assertThat(changed.getInteger("version")).isEqualTo(2);
        OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("PUT", self, c.encode()), 409);
    }

    @Test
    void previewStartsLikeTheOtherModesAndStatusMovesAlongItsTable() throws Exception {
        String list = list("name,phone\nAnn,+12015550601\n");
        // the modes that dial ahead need the safe-harbour message's company and number
        JsonObject noHarbour = OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/campaigns",
                new JsonObject().put("name", "p " + UUID.randomUUID()).put("contactListId", list).put("dialingMode", "predictive")
                        .put("queueId", UUID.randomUUID().toString()).encode()), 400);
        assertThat(noHarbour.getString("detail")).contains("agentMode.safeHarbourCompany");
        JsonObject preview = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/campaigns",
                new JsonObject().put("name", "p " + UUID.randomUUID()).put("contactListId", list).put("dialingMode", "preview")
                        .put("queueId", UUID.randomUUID().toString()).encode()), 201);
        // preview needs no safe-harbour message (nobody is dialled ahead of an agent) and starts like the others
        assertThat(OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", preview.getString("selfUri") + "/start", null), 200)
                .getString("campaignStatus")).isEqualTo("on");
        OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", preview.getString("selfUri") + "/stop", null), 200);

        // a carrier nobody answers for: the trunk group has no trunk, so the one attempt fails at once
        JsonObject agentless = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/campaigns",
                new JsonObject().put("name", "a " + UUID.randomUUID()).put("contactListId", list).put("message", "Hello")
                        .put("trunkGroup", "nowhere").put("maxAttemptsPerContact", 1).encode()), 201);
        String self = agentless.getString("selfUri");
        assertThat(OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", self + "/start", null), 200).getString("campaignStatus")).isEqualTo("on");
        assertThat(OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("DELETE", self, null), 409).getString("detail")).contains("stop it first");
        long deadline = System.nanoTime() + 20_000_000_000L;
        String status;
        do {
            Thread.sleep(100);
            status = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("GET", self, null), 200).getString("campaignStatus");
        } while (!status.equals("complete") && System.nanoTime() < deadline);
        assertThat(status).isEqualTo("complete");
        JsonObject attempt = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("GET", self + "/attempts", null), 200)
                .getJsonArray("entities").getJsonObject(0);
        assertThat(attempt.getString("number")).isEqualTo("+12015550601");
        assertThat(attempt.getString("result")).isEqualTo("failed");
        assertThat(attempt.getString("dateCreated")).isNotBlank();
        // stop on a finished campaign changes nothing; starting it again is allowed (new contacts may come)
        assertThat(OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", self + "/stop", null), 200).getString("campaignStatus")).isEqualTo("complete");
        assertThat(OutboundApiScenarioTest.call("DELETE", self, null).statusCode()).isEqualTo(204);
    }

    @Test
    void aCampaignPausesResumesAndStopsFromPaused() throws Exception {
        String list = list("name,phone\nAnn,+12015550611\n");
        // its schedule starts tomorrow: on, it dials nobody and stays on (nothing completes it meanwhile)
        java.time.Instant tomorrow = java.time.Instant.now().plus(java.time.Duration.ofDays(1));
        String self = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/campaigns",
                new JsonObject().put("name", "pause " + UUID.randomUUID()).put("contactListId", list).put("message", "Hi")
                        .put("schedule", new JsonObject().put("start", tomorrow.toString())).encode()), 201).getString("selfUri");
        OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("POST", self + "/pause", null), 409); // off: nothing to pause
        OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("POST", self + "/resume", null), 409); // off: start it instead
        assertThat(OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", self + "/start", null), 200).getString("campaignStatus")).isEqualTo("on");
        assertThat(OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", self + "/pause", null), 200).getString("campaignStatus")).isEqualTo("paused");
        assertThat(OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", self + "/pause", null), 200).getString("campaignStatus")).isEqualTo("paused");
        assertThat(OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("DELETE", self, null), 409).getString("detail")).contains("stop it first");
        assertThat(OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", self + "/resume", null), 200).getString("campaignStatus")).isEqualTo("on");
        OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", self + "/pause", null), 200);
        // paused with no call in flight: off at once
        assertThat(OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", self + "/stop", null), 200).getString("campaignStatus")).isEqualTo("off");
    }

    @Test
    void anExternalDncListNeedsTheSealKeyAndNeverTakesALoginIdItCannotUse() throws Exception {
        // this test's node has no DIALER_SECRETS_KEY: the login id could not be kept sealed, so the list is refused
        JsonObject noKey = OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/dnclists",
                new JsonObject().put("name", "scrub " + UUID.randomUUID()).put("dncSourceType", "dncCom")
                        .put("loginId", "key-123").encode()), 400);
        assertThat(noKey.getString("detail")).contains("DIALER_SECRETS_KEY");
        OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/dnclists",
                new JsonObject().put("name", "g " + UUID.randomUUID()).put("dncSourceType", "gryphon").encode()), 400);
        JsonObject rdsWithKey = OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/dnclists",
                new JsonObject().put("name", "r " + UUID.randomUUID()).put("loginId", "key-123").encode()), 400);
        assertThat(rdsWithKey.getString("detail")).contains("loginId");
        JsonObject rds = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/dnclists",
                new JsonObject().put("name", "r " + UUID.randomUUID()).encode()), 201);
        assertThat(rds.getString("dncSourceType")).isEqualTo("rds");
        assertThat(rds.containsKey("loginId")).isFalse();
    }

    @Test
    void theDryRunSaysWhoIsCallableNowAndWhyNotTheOthers() throws Exception {
        String blocked = "+12015550702";
        OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/dnc/phone", "{\"address\":\"" + blocked + "\"}"), 201);
        String list = list("name,phone\nAnn,+12015550701\nBob," + blocked + "\nCy,\n");
        JsonObject c = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/campaigns",
                new JsonObject().put("name", "d " + UUID.randomUUID()).put("contactListId", list).put("message", "Hi").encode()), 201);
        JsonObject page = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("GET", c.getString("selfUri") + "/dryrun", null), 200);
        assertThat(page.getLong("total")).isEqualTo(3);
        var e = page.getJsonArray("entities");
        assertThat(e.getJsonObject(0).getBoolean("dialed")).isTrue();
        assertThat(e.getJsonObject(0).getString("number")).isEqualTo("+12015550701");
        assertThat(e.getJsonObject(1).getString("code")).isEqualTo("dnc");
        assertThat(e.getJsonObject(1).getString("detail")).contains("internal DNC list");
        assertThat(e.getJsonObject(2).getString("code")).isEqualTo("noNumber");
        // nothing was written: the campaign's log is empty
        assertThat(OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("GET", c.getString("selfUri") + "/decisions", null), 200)
                .getLong("total")).isZero();
    }

    @Test
    void ruleSetsAreStoredCheckedAndJudgeTheDryRun() throws Exception {
        JsonObject bad = OutboundApiScenarioTest.problem(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/rulesets",
                "{\"name\":\"bad\",\"rules\":[{\"category\":\"preCall\",\"actions\":[{\"type\":\"addToDnc\"}]}]}"), 400);
        assertThat(bad.getString("detail")).contains("rules.actions.type");
        JsonObject set = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/rulesets",
                "{\"name\":\"texas " + UUID.randomUUID() + "\",\"rules\":[{\"name\":\"no texas\",\"category\":\"preCall\","
                        + "\"conditions\":[{\"column\":\"state\",\"operator\":\"equals\",\"value\":\"TX\"}],"
                        + "\"actions\":[{\"type\":\"skip\"}]}]}"), 201);
        assertThat(set.getInteger("version")).isEqualTo(1);
        assertThat(set.getJsonArray("rules").getJsonObject(0).getString("category")).isEqualTo("preCall");
        String list = list("name,phone,state\nAnn,+12015550901,TX\nBob,+12015550902,OK\n");
        JsonObject c = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("POST", "/api/v2/outbound/campaigns",
                new JsonObject().put("name", "r " + UUID.randomUUID()).put("contactListId", list).put("message", "Hi")
                        .put("ruleSetIds", new io.vertx.core.json.JsonArray().add(set.getString("id"))).encode()), 201);
        var e = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("GET", c.getString("selfUri") + "/dryrun", null), 200)
                .getJsonArray("entities");
        assertThat(e.getJsonObject(0).getString("code")).isEqualTo("rule");
        assertThat(e.getJsonObject(0).getString("detail")).contains("no texas");
        assertThat(e.getJsonObject(1).getBoolean("dialed")).isTrue();
        JsonObject renamed = OutboundApiScenarioTest.ok(OutboundApiScenarioTest.call("PUT", set.getString("selfUri"),
                new JsonObject().put("name", "renamed " + UUID.randomUUID()).put("rules", set.getJsonArray("rules"))
                        .put("version", 1).encode()), 200);
        assertThat(renamed.getInteger("version")).isEqualTo(2);
    }
}
