package org.opendialer.api.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.store.Database;

/**
 * The campaign reports over attempts inserted here at known times, each figure computed by hand below (not by the
 * code's arithmetic): intervals of 15 minutes, an hour and a day (in UTC and in a +14 h zone that moves two
 * attempts to the next day), one campaign or two summed, the attempt history of a range, CSV and a PDF read back
 * with PDFBox that carries the Korean and the French campaign names; and the dashboard's progress figures.
 */
class CampaignReportsApiTest {

    static final String KOREAN = "가을 캠페인 안내";
    static final String FRENCH = "Campagne d'été à Montréal";

    @TempDir
    static java.nio.file.Path tmp;
    static OutboundNode node;
    static String list;
    static String a;
    static String b;

    @BeforeAll
    static void boot() throws Exception {
        node = OutboundNode.start(tmp.resolve("pg"));
        list = create("/api/v2/outbound/contactlists", "{\"name\":\"reports\",\"csv\":\"name,phone\\nAnn,+12015550501\\n"
                + "Bob,+12015550502\\nCy,+12015550503\\nDee,+12015550504\\nEve,+12015550505\\n\",\"phoneColumns\":[\"phone\"]}");
        a = create("/api/v2/outbound/campaigns", new JsonObject().put("name", KOREAN).put("contactListId", list)
                .put("message", "안녕하세요").put("callerIdName", "가을").encode());
        b = create("/api/v2/outbound/campaigns", new JsonObject().put("name", FRENCH).put("contactListId", list)
                .put("message", "Bonjour").put("abandonRate", 2.5).encode());
        JsonArray contacts = new JsonObject(node.send("GET", "/api/v2/outbound/contactlists/" + list + "/contacts?pageSize=10",
                null, null).body()).getJsonArray("entities", new JsonArray());
        String[] c = new String[5];
        try (Database db = Database.openForTool(node.server().config().database()); Connection conn = db.dataSource().getConnection()) {
            try (PreparedStatement st = conn.prepareStatement("SELECT id FROM contact WHERE list_id = ?::uuid ORDER BY seq")) {
                st.setString(1, list);
                var rs = st.executeQuery();
                for (int i = 0; i < 5 && rs.next(); i++) {
                    c[i] = rs.getString(1);
                }
            }
            assertThat(c[4]).as("five contacts " + contacts).isNotNull();
            // campaign A (Korean): 09:05 live, 09:10 live abandoned, 09:20 no answer, 09:50 live, 10:40 still ringing
            attempt(conn, a, c[0], "2026-03-10T09:05:00Z", "human", true, false);
            attempt(conn, a, c[1], "2026-03-10T09:10:00Z", "human", true, true);
            attempt(conn, a, c[2], "2026-03-10T09:20:00Z", "noAnswer", false, false);
            attempt(conn, a, c[0], "2026-03-10T09:50:00Z", "human", true, false);
            attempt(conn, a, c[3], "2026-03-10T10:40:00Z", null, false, false);
            // campaign B (French): 09:14 live, 09:16 no answer, next day 08:00 live abandoned
            attempt(conn, b, c[0], "2026-03-10T09:14:00Z", "human", true, false);
            attempt(conn, b, c[1], "2026-03-10T09:16:00Z", "noAnswer", false, false);
            attempt(conn, b, c[2], "2026-03-11T08:00:00Z", "human", true, true);
            // A's decision log: Eve blocked by a DNC list twice (one contact), Dee outside hours
            decision(conn, a, c[4], "dnc");
            decision(conn, a, c[4], "dnc");
            decision(conn, a, c[3], "outsideHours");
        }
    }

    @AfterAll
    static void stop() {
        if (node != null) {
            node.close();
        }
    }

    @Test
    void fifteenMinuteIntervalsOfTwoCampaignsAreSummedWithTheirRatiosAndEveryEmptyInterval() throws Exception {
        JsonObject r = get("/api/v2/outbound/reports/campaignintervals?campaignId=" + a + "&campaignId=" + b
                + "&from=2026-03-10T09:00:00Z&to=2026-03-10T10:00:00Z&granularity=fifteenMinutes");
        JsonArray rows = r.getJsonArray("entities");
        assertThat(r.getLong("total")).isEqualTo(4);
        // 09:00 A 09:05 live, A 09:10 live+abandoned, B 09:14 live: 3 dials, 3 contacts, 1 abandon
        row(rows.getJsonObject(0), "2026-03-10T09:00:00Z", 3, 3, 1, 100.0, 100.0 / 3, 100.0 / 3);
        // 09:15 A 09:20 and B 09:16, no answers: abandon rate has no contacts to divide by
        row(rows.getJsonObject(1), "2026-03-10T09:15:00Z", 2, 0, 0, 0.0, 0.0, null);
        row(rows.getJsonObject(2), "2026-03-10T09:30:00Z", 0, 0, 0, null, null, null);
        row(rows.getJsonObject(3), "2026-03-10T09:45:00Z", 1, 1, 0, 100.0, 0.0, 0.0);
        // the whole hour: 6 dials, 4 contacts, 1 abandon
        row(r.getJsonObject("totals"), "2026-03-10T09:00:00Z", 6, 4, 1, 400.0 / 6, 100.0 / 6, 25.0);
        assertThat(r.getJsonObject("totals").getString("intervalEnd")).isEqualTo("2026-03-10T10:00:00Z");
    }

    @Test
    void hoursOfOneCampaignAndDaysCutInTheRequestedZone() throws Exception {
        JsonArray hours = get("/api/v2/outbound/reports/campaignintervals?campaignId=" + a
                + "&from=2026-03-10T09:00:00Z&to=2026-03-10T11:00:00Z&granularity=sixtyMinutes").getJsonArray("entities");
        assertThat(hours).hasSize(2);
        row(hours.getJsonObject(0), "2026-03-10T09:00:00Z", 4, 3, 1, 75.0, 25.0, 100.0 / 3);
        row(hours.getJsonObject(1), "2026-03-10T10:00:00Z", 1, 0, 0, 0.0, 0.0, null); // in flight still counts as a dial

        JsonArray utcDays = get("/api/v2/outbound/reports/campaignintervals?campaignId=" + a + "&campaignId=" + b
                + "&from=2026-03-10T00:00:00Z&to=2026-03-12T00:00:00Z&granularity=day").getJsonArray("entities");
        row(utcDays.getJsonObject(0), "2026-03-10T00:00:00Z", 7, 4, 1, 400.0 / 7, 100.0 / 7, 25.0);
        row(utcDays.getJsonObject(1), "2026-03-11T00:00:00Z", 1, 1, 1, 100.0, 100.0, 100.0);

        // Kiritimati is UTC+14: 10:40Z on the 10th is 00:40 on the 11th there, 08:00Z on the 11th is 22:00 the 11th
        JsonArray kiritimati = get("/api/v2/outbound/reports/campaignintervals?campaignId=" + a + "&campaignId=" + b
                + "&from=2026-03-09T10:00:00Z&to=2026-03-11T10:00:00Z&granularity=day&timeZone=Pacific/Kiritimati")
                .getJsonArray("entities");
        assertThat(kiritimati).hasSize(2);
        row(kiritimati.getJsonObject(0), "2026-03-09T10:00:00Z", 6, 4, 1, 400.0 / 6, 100.0 / 6, 25.0);
        row(kiritimati.getJsonObject(1), "2026-03-10T10:00:00Z", 2, 1, 1, 50.0, 50.0, 100.0);
    }

    @Test
    void theAttemptHistoryOfARangeIsListedAndExportedAsCsvAndPdf() throws Exception {
        String range = "campaignId=" + a + "&campaignId=" + b + "&from=2026-03-10T00:00:00Z&to=2026-03-11T00:00:00Z";
        JsonObject page = get("/api/v2/outbound/reports/campaignattempts?" + range + "&pageSize=3");
        assertThat(page.getLong("total")).isEqualTo(7);
        JsonObject first = page.getJsonArray("entities").getJsonObject(0);
        assertThat(first.getString("dateCreated")).isEqualTo("2026-03-10T09:05:00Z");
        assertThat(first.getString("campaignName")).isEqualTo(KOREAN);
        assertThat(first.getString("callerIdName")).isEqualTo("가을");
        assertThat(page.getJsonArray("entities").getJsonObject(2).getString("campaignName")).isEqualTo(FRENCH);

        HttpResponse<byte[]> csv = raw("/api/v2/outbound/reports/campaignattempts/export?" + range);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=utf-8");
        List<String> lines = new String(csv.body(), StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(8);
        assertThat(lines.get(0)).startsWith("campaign,attemptId,contactId,number,phoneColumn,dateCreated,callerIdName");
        assertThat(lines.get(1)).startsWith(KOREAN + ",").contains(",2026-03-10T09:05:00Z,가을,").contains(",human,");
        assertThat(lines.get(3)).startsWith(FRENCH + ",").contains("2026-03-10T09:14:00Z");

        String pdf = pdfText("/api/v2/outbound/reports/campaignattempts/export?" + range + "&format=pdf");
        assertThat(pdf).contains(KOREAN).contains(FRENCH).contains("2026-03-10T09:50:00Z");
    }

    @Test
    void theIntervalReportExportsAsCsvWithATotalAndAsAPdfInKoreanAndFrench() throws Exception {
        String q = "campaignId=" + a + "&campaignId=" + b + "&from=2026-03-10T09:00:00Z&to=2026-03-10T10:00:00Z&granularity=thirtyMinutes";
        HttpResponse<byte[]> csv = raw("/api/v2/outbound/reports/campaignintervals/export?" + q);
        assertThat(new String(csv.body(), StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "intervalStart,intervalEnd,dials,contacts,abandons,contactRatePercent,abandonsPerDialPercent,abandonRatePercent",
                "2026-03-10T09:00:00Z,2026-03-10T09:30:00Z,5,3,1,60.00,20.00,33.33",
                "2026-03-10T09:30:00Z,2026-03-10T10:00:00Z,1,1,0,100.00,0.00,0.00",
                "total,,6,4,1,66.67,16.67,25.00");
        String pdf = pdfText("/api/v2/outbound/reports/campaignintervals/export?" + q + "&format=pdf");
        assertThat(pdf).contains(KOREAN).contains(FRENCH).contains("66.67").contains("33.33");
    }

    @Test
    void badRangesAndUnknownCampaignsAreRefusedNeverAServerError() throws Exception {
        String base = "/api/v2/outbound/reports/campaignintervals?campaignId=" + a;
        assertThat(status(base + "&from=2026-03-10T10:00:00Z&to=2026-03-10T09:00:00Z")).isEqualTo(400);
        assertThat(status(base + "&from=2026-03-10T09:00:00Z&to=2026-03-10T10:00:00Z&granularity=fiveMinutes")).isEqualTo(400);
        assertThat(status(base + "&from=2026-03-10T09:00:00Z&to=2026-03-10T10:00:00Z&timeZone=Mars/Olympus")).isEqualTo(400);
        assertThat(status(base + "&from=2000-01-01T00:00:00Z&to=2026-03-10T10:00:00Z&granularity=fifteenMinutes"))
                .as("too many intervals").isEqualTo(400);
        assertThat(status(base + "&from=yesterday&to=2026-03-10T10:00:00Z")).isEqualTo(400);
        assertThat(status("/api/v2/outbound/reports/campaignintervals?from=2026-03-10T09:00:00Z&to=2026-03-10T10:00:00Z")).isEqualTo(400);
        assertThat(status("/api/v2/outbound/reports/campaignattempts?campaignId=" + UUID.randomUUID()
                + "&from=2026-03-10T09:00:00Z&to=2026-03-10T10:00:00Z")).isEqualTo(404);
        assertThat(status("/api/v2/outbound/reports/campaignattempts/export?campaignId=" + UUID.randomUUID()
                + "&from=2026-03-10T09:00:00Z&to=2026-03-10T10:00:00Z")).isEqualTo(404);
        assertThat(status("/api/v2/outbound/campaigns/" + UUID.randomUUID() + "/progress")).isEqualTo(404);
    }

    @Test
    void progressCountsContactsDialsConnectsAbandonsAndDncBlockedContacts() throws Exception {
        JsonObject p = get("/api/v2/outbound/campaigns/" + a + "/progress");
        // A dialled Ann twice, Bob, Cy and Dee: 4 of 5 contacts, 5 dials, 3 live, 1 abandoned, Dee's still ringing
        assertThat(p.getLong("totalContacts")).isEqualTo(5);
        assertThat(p.getLong("processedContacts")).isEqualTo(4);
        assertThat(p.getLong("remainingContacts")).isEqualTo(1);
        assertThat(p.getLong("dials")).isEqualTo(5);
        assertThat(p.getLong("connects")).isEqualTo(3);
        assertThat(p.getLong("abandons")).isEqualTo(1);
        assertThat(p.getLong("callsInFlight")).isEqualTo(1);
        assertThat(p.getDouble("abandonRate")).isCloseTo(100.0 / 3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(p.getDouble("abandonRateTarget")).isEqualTo(3.0);
        assertThat(p.getLong("dncBlockedContacts")).isEqualTo(1);
        assertThat(p.containsKey("idleAgents")).isTrue();
        assertThat(p.getValue("idleAgents")).as("agentless: no queue").isNull();

        JsonObject pb = get("/api/v2/outbound/campaigns/" + b + "/progress");
        assertThat(pb.getLong("processedContacts")).isEqualTo(3);
        assertThat(pb.getDouble("abandonRate")).isEqualTo(50.0);
        assertThat(pb.getDouble("abandonRateTarget")).isEqualTo(2.5);
        assertThat(pb.getLong("dncBlockedContacts")).isZero();
    }

    static void row(JsonObject r, String start, long dials, long contacts, long abandons, Double contactRate,
                    Double perDial, Double abandonRate) {
        assertThat(r.getString("intervalStart")).isEqualTo(start);
        assertThat(r.getLong("dials")).as(start + " dials").isEqualTo(dials);
        assertThat(r.getLong("contacts")).as(start + " contacts").isEqualTo(contacts);
        assertThat(r.getLong("abandons")).as(start + " abandons").isEqualTo(abandons);
        ratio(r, "contactRate", contactRate);
        ratio(r, "abandonsPerDial", perDial);
        ratio(r, "abandonRate", abandonRate);
    }

    static void ratio(JsonObject r, String field, Double expected) {
        assertThat(r.containsKey(field)).as(field + " present (null when undefined)").isTrue();
        if (expected == null) {
            assertThat(r.getValue(field)).as(field).isNull();
        } else {
            assertThat(r.getDouble(field)).as(field).isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    static void attempt(Connection c, String campaign, String contact, String at, String result, boolean live,
                        boolean abandoned) throws Exception {
        AttemptRows.insert(c, node, campaign, list, contact, Instant.parse(at), result, live, abandoned);
    }

    static void decision(Connection c, String campaign, String contact, String code) throws Exception {
        try (PreparedStatement st = c.prepareStatement("INSERT INTO dial_decision (campaign_id, contact_id, at, dialed, code,"
                + " detail) VALUES (?::uuid, ?, now(), false, ?, 'test')")) {
            st.setString(1, campaign);
            st.setString(2, contact);
            st.setString(3, code);
            st.executeUpdate();
        }
    }

    static String create(String path, String body) throws Exception {
        return AttemptRows.create(node, path, body);
    }

    static JsonObject get(String path) throws Exception {
        HttpResponse<String> r = node.send("GET", path, null, null);
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    static int status(String path) throws Exception {
        HttpResponse<String> r = node.send("GET", path, null, null);
        if (r.statusCode() >= 400) {
            assertThat(r.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        }
        return r.statusCode();
    }

    static HttpResponse<byte[]> raw(String path) throws Exception {
        return node.http().send(HttpRequest.newBuilder(URI.create(node.base() + path))
                .header("Authorization", "Bearer " + node.token()).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    static String pdfText(String path) throws Exception {
        HttpResponse<byte[]> r = raw(path);
        assertThat(r.statusCode()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/pdf");
        try (var doc = Loader.loadPDF(r.body())) {
            return new PDFTextStripper().getText(doc);
        }
    }
}
