package org.opendialer.api;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonObject;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.config.ConfigLoader;
import org.opendialer.api.server.DialerServer;
import org.opendialer.store.testing.Await;
import org.slf4j.LoggerFactory;

/**
 * The API's one convention, on a whole node: every list operation of the contract walked page by page (the table
 * below must name each one), every Location header resolved, versions counted, and a problem's contextId found
 * in the log line of its request. Calls go to a trunk nobody answers (one channel, so the rest wait queued);
 * email goes to GreenMail.
 */
class ApiConventionsTest {

    @RegisterExtension
    static GreenMailExtension relay = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort()).withPerMethodLifecycle(false);

    static final String ADMIN = "conv-admin";
    static final String SECRET = "conv-admin-secret-0123456789";
    static final String NUMBER = "+12015550111";
    static final HttpClient http = HttpClient.newHttpClient();
    @TempDir
    static Path tmp;
    static DialerServer server;
    static String base;
    static String token;
    static String campaignId;
    /** The third campaign as created; never started, so it can be changed. */
    static JsonObject idleCampaign;
    static String listId;
    /** The outbound, flow and routing lists. */
    static ConventionsData data;
    /** Location headers of every create, checked to resolve. */
    static final List<String> locations = new ArrayList<>();

    /** One list operation: its operationId, a path with its filters, and how many items the setup made. */
    record Row(String operationId, String path, int total) {
    }

    @BeforeAll
    static void boot() throws Exception {
        int deadTrunk;
        try (ServerSocket s = new ServerSocket(0)) {
            deadTrunk = s.getLocalPort();
        }
        Path conf = tmp.resolve("dialer.yaml");
        Files.writeString(conf, """
                sip:
                  port: 0
                  trunks:
                    - { name: dead, host: 127.0.0.1, port: %d, maxChannels: 1, maxCallsPerSecond: 10, defaultRegion: US, group: dead }
                messaging:
                  email: {enabled: true, host: 127.0.0.1, port: %d, startTls: false, fromDomain: notify.example.com}
                  campaignTickMillis: 100
                """.formatted(deadTrunk, relay.getSmtp().getPort()));
        var config = new ConfigLoader().load(conf, Map.of("DIALER_API_PORT", "0", "DIALER_DATA_DIR", tmp.resolve("pg").toString()));
        server = DialerServer.start(config, Map.of("DIALER_ADMIN_CLIENT_ID", ADMIN, "DIALER_ADMIN_CLIENT_SECRET", SECRET));
        base = "http://127.0.0.1:" + server.apiPort();
        token = TestServers.token(base, ADMIN, SECRET);

        for (int i = 1; i <= 2; i++) {
            create("/api/v2/oauth/clients", "{\"name\":\"client " + i + "\",\"scopes\":[\"messaging\"]}");
        }
        for (String to : List.of(NUMBER, "+12015550112", NUMBER)) {
            create("/api/v2/calls", new JsonObject().put("to", to).put("trunkGroup", "dead").put("amd", "off")
                    .put("human", new JsonObject().put("text", "Hello")).encode());
        }
        for (int i = 1; i <= 3; i++) {
            create("/api/v2/conversations/messages/templates",
                    "{\"name\":\"t" + i + "\",\"messengerType\":\"email\",\"subject\":\"S\",\"body\":\"Hi {{name}}\"}");
            create("/api/v2/outbound/dnc/phone", "{\"address\":\"+1201555020" + i + "\"}");
        }
        listId = create("/api/v2/outbound/contactlists", "{\"name\":\"mail\",\"csv\":\"name,email\\nAnn,ann@example.org\\n"
                + "Bob,bob@example.org\\nCy,cy@example.org\\n\",\"emailColumns\":[\"email\"]}").getString("id");
        create("/api/v2/outbound/contactlists", "{\"name\":\"other\",\"csv\":\"name,email\\nDi,di@example.org\\n\",\"emailColumns\":[\"email\"]}");
        create("/api/v2/outbound/contactlists", "{\"name\":\"third\",\"csv\":\"name,email\\nEd,ed@example.org\\n\",\"emailColumns\":[\"email\"]}");
        for (int i = 1; i <= 3; i++) {
            JsonObject c = create("/api/v2/outbound/messagingcampaigns", campaign("campaign " + i, listId).encode());
            if (i == 1) {
                campaignId = c.getString("id");
            }
            idleCampaign = c;
        }
        assertThat(send("POST", "/api/v2/outbound/messagingcampaigns/" + campaignId + "/start", "").statusCode()).isEqualTo(200);
        await("the campaign mailed its three contacts", () -> read(campaign(campaignId) + "/progress")
                .getInteger("processedContacts") == 3);
        create("/api/v2/conversations/messages/agentless",
                "{\"toAddress\":\"zed@example.org\",\"toAddressMessengerType\":\"email\",\"subject\":\"S\",\"textBody\":\"Hi\"}");
        data = new ConventionsData().make();
        // interactions enter only through the ACD (the call layer, flows); its members are offline, so these wait
        for (int i = 0; i < 3; i++) {
            server.acd().router().enqueue(java.util.UUID.fromString(data.queue), null, Set.of());
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** Every list of the API; {@link #theTableNamesEveryListOperationOfTheContract} keeps it complete. */
    static List<Row> table() {
        String campaign = "/api/v2/outbound/messagingcampaigns/" + campaignId;
        List<Row> rows = new ArrayList<>(List.of(
                new Row("listOAuthClients", "/api/v2/oauth/clients", 3),
                new Row("listCalls", "/api/v2/calls", 3),
                new Row("listCalls", "/api/v2/calls?to=%2B12015550111", 2),
                new Row("listConversationMessages", "/api/v2/conversations/messages", 4),
                new Row("listConversationMessages", "/api/v2/conversations/messages?campaignId=" + campaignId, 3),
                new Row("listMessageTemplates", "/api/v2/conversations/messages/templates", 3),
                new Row("listContactLists", "/api/v2/outbound/contactlists", 4), // the fourth: ConventionsData's voice list
                new Row("listMessagingCampaigns", "/api/v2/outbound/messagingcampaigns", 3),
                new Row("getMessagingCampaignAttempts", campaign + "/attempts", 3),
                new Row("listDncEntries", "/api/v2/outbound/dnc/phone", 3),
                // the 3 waiting voice interactions and 4 email conversations (the campaign's 3 and the agentless one)
                new Row("listInteractions", "/api/v2/interactions", 7)));
        rows.addAll(data.rows());
        return rows;
    }

    @Test
    void everyListIsWalkedPageByPageToItsTotal() throws Exception {
        for (Row row : table()) {
            String sep = row.path().contains("?") ? "&" : "?";
            String next = row.path() + sep + "pageSize=2";
            Set<String> seen = new HashSet<>();
            int pages = 0;
            String previous = null;
            while (next != null) {
                JsonObject page = body(get(next));
                pages++;
                assertThat(page.getInteger("pageSize")).as(next).isEqualTo(2);
                assertThat(page.getInteger("pageNumber")).as(next).isEqualTo(pages);
                assertThat(page.getLong("total")).as(next).isEqualTo(row.total());
                assertThat(page.getInteger("pageCount")).as(next).isEqualTo((row.total() + 1) / 2);
                assertThat(page.getJsonArray("entities").size()).as(next).isBetween(1, 2);
                assertThat(page.getString("selfUri")).as(next).contains("pageNumber=" + pages);
                assertThat(page.getString("previousUri")).as(next).isEqualTo(previous);
                assertThat(page.fieldNames()).as(next + ": null, not absent, at the ends").contains("nextUri", "previousUri");
                if (row.path().contains("?")) {
                    assertThat(page.getString("selfUri")).as("keeps the filter").contains(row.path().substring(row.path().indexOf('?') + 1));
                }
                page.getJsonArray("entities").forEach(e -> seen.add(((JsonObject) e).encode()));
                previous = page.getString("selfUri");
                next = page.getString("nextUri");
            }
            assertThat(seen).as(row.path() + ": distinct items over all pages").hasSize(row.total());
            assertThat(pages).as(row.path()).isEqualTo((row.total() + 1) / 2);

            JsonObject whole = body(get(row.path()));
            assertThat(whole.getInteger("pageSize")).as("default page size").isEqualTo(25);
            assertThat(whole.getJsonArray("entities")).as(row.path()).hasSize(row.total());
            assertThat(whole.getString("nextUri")).isNull();
            HttpResponse<String> tooBig = get(row.path() + sep + "pageSize=501");
            assertThat(tooBig.statusCode()).as(row.path() + " pageSize=501").isEqualTo(400);
            assertThat(new JsonObject(tooBig.body()).getString("code")).isEqualTo("validation");
            assertThat(get(row.path() + sep + "pageSize=500").statusCode()).as(row.path() + " pageSize=500").isEqualTo(200);
            assertThat(get(row.path() + sep + "pageNumber=0").statusCode()).isEqualTo(400);
        }
    }

    @Test
    void theTableNamesEveryListOperationOfTheContract() throws Exception {
        JsonNode doc;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("openapi/openapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Set<String> lists = new TreeSet<>();
        doc.get("paths").properties().forEach(p -> p.getValue().properties().forEach(op -> {
            String ok = op.getValue().path("responses").path("200").path("content").path("application/json").toString();
            boolean paged = op.getValue().path("parameters").toString().contains("#/components/parameters/PageSize");
            JsonNode schema = op.getValue().path("responses").path("200").path("content").path("application/json").path("schema");
            boolean array = "array".equals(schema.path("type").asText()) || schema.path("properties").has("entities");
            if (ok.contains("#/components/schemas/Listing") || paged || array) {
                assertThat(paged && ok.contains("Listing")).as(op.getValue().get("operationId") + " pages as a Listing").isTrue();
                lists.add(op.getValue().get("operationId").asText());
            }
        }));
        assertThat(lists).hasSize(30);
        Set<String> tabled = new TreeSet<>();
        table().forEach(r -> tabled.add(r.operationId()));
        assertThat(tabled).isEqualTo(lists);
    }

    @Test
    void everyLocationResolvesToItsResource() throws Exception {
        assertThat(locations).hasSizeGreaterThanOrEqualTo(8);
        for (String location : locations) {
            HttpResponse<String> r = get(location);
            assertThat(r.statusCode()).as("GET " + location).isEqualTo(200);
            JsonObject o = new JsonObject(r.body());
            assertThat(o.getString("selfUri")).as(location).isEqualTo(location);
            assertThat(o.getString("dateCreated")).as(location).isNotNull();
        }
        assertThat(locations).anyMatch(l -> l.startsWith("/api/v2/conversations/messages/templates/"))
                .anyMatch(l -> l.startsWith("/api/v2/oauth/clients/")).anyMatch(l -> l.startsWith("/api/v2/outbound/dnc/phone/"));
    }

    @Test
    void referencesAreIdAndSelfUri() throws Exception {
        JsonObject campaign = body(get("/api/v2/outbound/messagingcampaigns/" + campaignId));
        String list = campaign.getJsonObject("contactList").getString("selfUri");
        assertThat(body(get(list)).getString("id")).isEqualTo(campaign.getJsonObject("contactList").getString("id"));
        JsonObject attempt = body(get("/api/v2/outbound/messagingcampaigns/" + campaignId + "/attempts"))
                .getJsonArray("entities").getJsonObject(0);
        JsonObject message = body(get(attempt.getJsonObject("message").getString("selfUri")));
        assertThat(message.getJsonObject("campaign").getString("selfUri")).isEqualTo("/api/v2/outbound/messagingcampaigns/" + campaignId);
        assertThat(body(get(message.getJsonObject("conversation").getString("selfUri"))).getJsonArray("messages")).isNotEmpty();
        assertThat(attempt.getString("outcome")).isEqualTo("accepted");
    }

    @Test
    void versionCountsChanges() throws Exception {
        JsonObject created = idleCampaign;
        assertThat(created.getInteger("version")).isEqualTo(1);
        String uri = created.getString("selfUri");
        JsonObject changed = body(send("PUT", uri, campaign("campaign 3", listId).put("messagesPerMinute", 61).encode()));
        assertThat(changed.getInteger("version")).isEqualTo(2);
        assertThat(Instant.parse(changed.getString("dateModified"))).isAfterOrEqualTo(Instant.parse(created.getString("dateModified")));
        assertThat(body(get(uri)).getInteger("version")).isEqualTo(2);

        // the second call waits for the trunk's one channel: taking it off the queue changes its row
        JsonObject call = body(get("/api/v2/calls?to=%2B12015550112")).getJsonArray("entities").getJsonObject(0);
        assertThat(send("DELETE", call.getString("selfUri"), null).statusCode()).isIn(202, 409);
        // Queued, it ends at once. But the first call frees the channel when its INVITE to the dead trunk times out
        // (Timer B, 32 s): on a slow run this one is dialing by now, and a call with no provisional response yet
        // cannot be cancelled (RFC 3261 §9.1), so it ends at its own Timer B or our 32 s CANCEL guard.
        Await.until("the call records its end", Duration.ofSeconds(60), () -> ended(call.getString("selfUri")));
        JsonObject after = body(get(call.getString("selfUri")));
        assertThat(after.getInteger("version")).as(after.encodePrettily()).isGreaterThan(call.getInteger("version"));
        assertThat(Instant.parse(after.getString("dateModified"))).isAfterOrEqualTo(Instant.parse(call.getString("dateModified")));
    }

    @Test
    void aProblemsContextIdIsInTheLogLineOfItsRequest() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger root = ctx.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> captured = new ListAppender<>();
        captured.setContext(ctx);
        captured.start();
        root.addAppender(captured);
        HttpResponse<String> r;
        try {
            r = get("/api/v2/outbound/contactlists/0b9f4c1e-5a7d-4e8b-9c3a-2f6d1e0a7b45");
        } finally {
            root.detachAppender(captured);
        }
        assertThat(r.statusCode()).isEqualTo(404);
        JsonObject problem = new JsonObject(r.body());
        assertThat(problem.getString("code")).isEqualTo("not-found");
        String contextId = problem.getString("contextId");
        assertThat(contextId).isNotBlank().isEqualTo(r.headers().firstValue("X-Context-Id").orElseThrow());

        PatternLayout layout = new PatternLayout();
        layout.setContext(ctx);
        layout.setPattern(org.opendialer.api.logging.LogSetup.TEXT_PATTERN);
        layout.start();
        List<String> lines = captured.list.stream().map(layout::doLayout).filter(l -> l.contains(contextId)).toList();
        assertThat(lines).as("log lines of the request").isNotEmpty()
                .anyMatch(l -> l.contains("GET /api/v2/outbound/contactlists/") && l.contains("404 not-found")
                        && l.contains("contextId=" + contextId));
        assertThat(get("/api/v2/outbound/contactlists").headers().firstValue("X-Context-Id").orElseThrow())
                .as("each request its own id").isNotEqualTo(contextId);
    }

    static boolean ended(String uri) {
        return !read(uri).getString("state").matches("queued|dialing|ringing");
    }

    /** GET for a condition: 200 and its body. */
    static JsonObject read(String uri) {
        try {
            return body(get(uri));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String campaign(String id) {
        return "/api/v2/outbound/messagingcampaigns/" + id;
    }

    static JsonObject campaign(String name, String listId) {
        return new JsonObject().put("name", name).put("messengerType", "email")
                .put("contactList", new JsonObject().put("id", listId)).put("addressColumn", "email")
                .put("fromAddress", "billing@notify.example.com").put("subject", "Hello {{name}}")
                .put("template", "Dear {{name}}").put("messagesPerMinute", 6000);
    }

    /** POSTs, expects 201 (202 for a message) with a Location, which it keeps. */
    static JsonObject create(String path, String json) throws Exception {
        HttpResponse<String> r = send("POST", path, json);
        assertThat(r.statusCode()).as(path + ": " + r.body()).isIn(201, 202);
        locations.add(r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location from " + path)));
        return new JsonObject(r.body());
    }

    static JsonObject body(HttpResponse<String> r) {
        assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(200);
        return new JsonObject(r.body());
    }

    static HttpResponse<String> get(String path) throws Exception {
        return send("GET", path, null);
    }

    static HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token)
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Waits (at most 20 s, on the monotonic clock) for what the server does on its own time. */
    static void await(String what, BooleanSupplier condition) throws Exception {
        Await.until(what, Duration.ofSeconds(20), condition);
    }
}
