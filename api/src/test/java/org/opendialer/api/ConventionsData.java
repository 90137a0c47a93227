package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.opendialer.api.ApiConventionsTest.body;
import static org.opendialer.api.ApiConventionsTest.create;
import static org.opendialer.api.ApiConventionsTest.get;
import static org.opendialer.api.ApiConventionsTest.send;

import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import org.opendialer.store.Database;

/**
 * The outbound, flow and routing rows of {@link ApiConventionsTest}, made through the HTTP API: at least three
 * items in every list so that pageSize=2 walks two pages. Totals are exact: the server starts empty but for the
 * built-in internal DNC list.
 */
final class ConventionsData {

    static final String INTERNAL_DNC = "00000000-0000-0000-0000-000000000001";
    static final String CALL_ID = "conv-call-1";

    String dncList;
    String flow;
    String queue;
    String user;
    String voiceCampaign;

    ConventionsData make() throws Exception {
        // the internal list plus two: three lists; four entries in one of them, three by phone
        dncList = create("/api/v2/outbound/dnclists", "{\"name\":\"conv dnc 1\"}").getString("id");
        create("/api/v2/outbound/dnclists", "{\"name\":\"conv dnc 2\"}");
        patch("/api/v2/outbound/dnclists/" + dncList + "/phonenumbers",
                "{\"action\":\"add\",\"phoneNumbers\":[\"+15556070001\",\"+15556070002\",\"+15556070003\"]}");
        patch("/api/v2/outbound/dnclists/" + dncList + "/emailaddresses", "{\"action\":\"add\",\"emailAddresses\":[\"ann@example.org\"]}");
        for (int i = 1; i <= 3; i++) {
            create("/api/v2/outbound/callabletimesets", "{\"name\":\"hours " + i
                    + "\",\"callableTimes\":[{\"day\":" + i + ",\"startTime\":\"09:00\",\"stopTime\":\"17:00\"}]}");
        }

        // three flows; the first published three times, its draft changed between publishes
        for (int i = 1; i <= 3; i++) {
            String id = create("/api/v2/flows", new JsonObject().put("document", flowDoc(i, "Hello")).encode()).getString("id");
            if (i == 1) {
                flow = id;
            }
        }
        for (int n = 1; n <= 3; n++) {
            if (n > 1) {
                int version = body(get("/api/v2/flows/" + flow)).getInteger("version");
                ok("PUT", "/api/v2/flows/" + flow, new JsonObject().put("document", flowDoc(1, "Hello " + n)).put("version", version).encode());
            }
            ok("POST", "/api/v2/flows/" + flow + "/publish", null);
        }
        for (String did : List.of("15550100301", "15550100302", "15550100303")) {
            ok("PUT", "/api/v2/routing/dids/" + did, new JsonObject().put("flowId", flow).encode());
        }

        // three flow executions of one call, as the executor writes them (the API only reads them; running flows
        // for them would take three overflowing calls)
        String version = body(get("/api/v2/flows/" + flow + "/versions")).getJsonArray("entities").getJsonObject(0).getString("id");
        try (Database db = Database.openForTool(ApiConventionsTest.server.config().database());
             Connection c = db.dataSource().getConnection();
             PreparedStatement s = c.prepareStatement("INSERT INTO ivr_execution (id, call_id, flow_id, flow_version_id,"
                     + " started_at) VALUES (gen_random_uuid(), ?, ?::uuid, ?::uuid, now() + ? * interval '1 second')")) {
            for (int i = 1; i <= 3; i++) {
                s.setString(1, CALL_ID);
                s.setString(2, flow);
                s.setString(3, version);
                s.setInt(4, i);
                s.executeUpdate();
            }
        }

        // three skills, wrap-up codes, queues and users; the first user holds every skill and is in every queue,
        // the first queue holds every user
        List<String> skills = new ArrayList<>();
        List<String> queues = new ArrayList<>();
        List<String> users = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            skills.add(create("/api/v2/routing/skills", "{\"name\":\"skill " + i + "\"}").getString("id"));
            create("/api/v2/routing/wrapupcodes", "{\"name\":\"code " + i + "\"}");
            queues.add(create("/api/v2/routing/queues", "{\"name\":\"queue " + i + "\"}").getString("id"));
            users.add(create("/api/v2/users", "{\"name\":\"Agent " + i + "\",\"email\":\"agent" + i + "@example.com\",\"sipUser\":\"agent"
                    + i + "\",\"sipPassword\":\"agent-secret-" + i + "\"}").getString("id"));
        }
        voiceCampaigns();
        queue = queues.get(0);
        user = users.get(0);
        for (String skill : skills) {
            ok("POST", "/api/v2/users/" + user + "/routingskills", "{\"id\":\"" + skill + "\",\"proficiency\":3}");
        }
        String members = String.join(",", users.stream().map(u -> "{\"id\":\"" + u + "\"}").toList());
        expect("POST", "/api/v2/routing/queues/" + queue + "/members", "[" + members + "]", 204);
        for (String q : queues.subList(1, 3)) {
            expect("POST", "/api/v2/routing/queues/" + q + "/members", "[{\"id\":\"" + user + "\"}]", 204);
        }
        return this;
    }

    /**
     * Three voice campaigns on a three-contact list; the first runs once through a trunk group that has no trunk,
     * so each contact gets one failed attempt and a "dialed" decision, and the dry run then says attemptLimit.
     */
    private void voiceCampaigns() throws Exception {
        String list = create("/api/v2/outbound/contactlists", "{\"name\":\"voice\",\"csv\":\"name,phone\\nAnn,+12015550401\\n"
                + "Bob,+12015550402\\nCy,+12015550403\\n\",\"phoneColumns\":[\"phone\"]}").getString("id");
        for (int i = 1; i <= 3; i++) {
            String id = create("/api/v2/outbound/campaigns", new JsonObject().put("name", "voice " + i).put("contactListId", list)
                    .put("trunkGroup", "no-such-group").put("maxAttemptsPerContact", 1).put("message", "Hello").encode()).getString("id");
            if (i == 1) {
                voiceCampaign = id;
            }
        }
        for (int i = 1; i <= 3; i++) {
            create("/api/v2/outbound/rulesets", "{\"name\":\"rules " + i + "\",\"rules\":[{\"category\":\"wrapUp\",\"result\":\"busy\","
                    + "\"actions\":[{\"type\":\"addToDnc\"}]}]}");
        }
        ok("POST", "/api/v2/outbound/campaigns/" + voiceCampaign + "/start", null);
        ApiConventionsTest.await("the voice campaign completes", () -> "complete".equals(
                ApiConventionsTest.read("/api/v2/outbound/campaigns/" + voiceCampaign).getString("campaignStatus")));
    }

    /** The rows of the lists made here. */
    List<ApiConventionsTest.Row> rows() {
        String entries = "/api/v2/outbound/dnclists/" + dncList + "/entries";
        return List.of(
                new ApiConventionsTest.Row("listDncLists", "/api/v2/outbound/dnclists", 3),
                new ApiConventionsTest.Row("listDncListEntries", entries, 4),
                new ApiConventionsTest.Row("listDncListEntries", entries + "?contactMethod=phone", 3),
                new ApiConventionsTest.Row("listCallableTimeSets", "/api/v2/outbound/callabletimesets", 3),
                new ApiConventionsTest.Row("listFlows", "/api/v2/flows", 3),
                new ApiConventionsTest.Row("listFlowVersions", "/api/v2/flows/" + flow + "/versions", 3),
                new ApiConventionsTest.Row("listFlowExecutions", "/api/v2/flows/executions?callId=" + CALL_ID, 3),
                new ApiConventionsTest.Row("listDidRoutes", "/api/v2/routing/dids", 3),
                new ApiConventionsTest.Row("listRoutingSkills", "/api/v2/routing/skills", 3),
                new ApiConventionsTest.Row("listRoutingWrapupCodes", "/api/v2/routing/wrapupcodes", 3),
                new ApiConventionsTest.Row("listRoutingQueues", "/api/v2/routing/queues", 3),
                new ApiConventionsTest.Row("listRoutingQueueMembers", "/api/v2/routing/queues/" + queue + "/members", 3),
                new ApiConventionsTest.Row("listUsers", "/api/v2/users", 3),
                new ApiConventionsTest.Row("listUserRoutingSkills", "/api/v2/users/" + user + "/routingskills", 3),
                new ApiConventionsTest.Row("listUserQueues", "/api/v2/users/" + user + "/queues", 3),
                new ApiConventionsTest.Row("listCampaigns", "/api/v2/outbound/campaigns", 3),
                new ApiConventionsTest.Row("listCampaignDialAttempts", "/api/v2/outbound/campaigns/" + voiceCampaign + "/attempts", 3),
                new ApiConventionsTest.Row("listCampaignDecisions", "/api/v2/outbound/campaigns/" + voiceCampaign + "/decisions", 3),
                new ApiConventionsTest.Row("listRuleSets", "/api/v2/outbound/rulesets", 3),
                new ApiConventionsTest.Row("dryRunCampaign", "/api/v2/outbound/campaigns/" + voiceCampaign + "/dryrun", 3),
                // every interval of the hour is listed, empty ones too; the attempts of all time are the campaign's three
                new ApiConventionsTest.Row("listCampaignIntervals", "/api/v2/outbound/reports/campaignintervals?campaignId="
                        + voiceCampaign + "&from=2000-01-01T00%3A00%3A00Z&to=2000-01-01T01%3A00%3A00Z&granularity=fifteenMinutes", 4),
                new ApiConventionsTest.Row("listCampaignAttemptHistory", "/api/v2/outbound/reports/campaignattempts?campaignId="
                        + voiceCampaign + "&from=2000-01-01T00%3A00%3A00Z&to=2100-01-01T00%3A00%3A00Z", 3));
    }

    static String flowDoc(int i, String greeting) {
        return "name: conv-" + i + "\nstart: s\nnodes:\n  s: { type: say, text: \"" + greeting + "\", next: h }\n  h: { type: hangup }\n";
    }

    static void patch(String path, String json) throws Exception {
        ok("PATCH", path, json);
    }

    static void ok(String method, String path, String json) throws Exception {
        expect(method, path, json, 200);
    }

    static void expect(String method, String path, String json, int status) throws Exception {
        var r = send(method, path, json);
        assertThat(r.statusCode()).as(method + " " + path + ": " + r.body()).isEqualTo(status);
    }
}
