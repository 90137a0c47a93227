package org.opendialer.api.desktop;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opendialer.api.auth.TokenService;

/**
 * The desktop's API on a real node: agent sign-in and its throttle, what an agent token may and may not do, sign-out
 * ending tokens and streams, single-use stream tickets, a change made through another node's connection reaching
 * this node's stream, and the interactions list, detail and CSV export.
 */
class DesktopApiTest {

    @TempDir
    static Path tmp;
    static DesktopFixture fx;
    static String queue;
    static String skill;

    @BeforeAll
    static void boot() throws Exception {
        fx = new DesktopFixture(tmp.resolve("pg"));
        skill = fx.create("/api/v2/routing/skills", "{\"name\":\"french\"}");
        queue = fx.create("/api/v2/routing/queues", "{\"name\":\"Sales\",\"alertingTimeoutSeconds\":600}");
    }

    @AfterAll
    static void stop() {
        if (fx != null) {
            fx.close();
        }
    }

    /** Lines of an event stream, read on a thread of their own; ends with "EOF" when the server closes it. */
    static BlockingQueue<String> stream(String uri) throws Exception {
        HttpResponse<InputStream> r = DesktopFixture.http.send(HttpRequest.newBuilder(URI.create(fx.base + uri)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).contains("text/event-stream");
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread.ofVirtual().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
                for (String l = in.readLine(); l != null; l = in.readLine()) {
                    lines.add(l);
                }
            } catch (Exception e) {
                lines.add("ERROR " + e.getMessage());
            }
            lines.add("EOF");
        });
        return lines;
    }

    /** The data of the next event of this type whose data contains {@code text}. */
    static String next(BlockingQueue<String> lines, String event, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        String type = null;
        while (System.nanoTime() < deadline) {
            String l = lines.poll(200, TimeUnit.MILLISECONDS);
            if (l == null) {
                continue;
            }
            if (l.equals("EOF")) {
                return "EOF";
            }
            if (l.startsWith("event: ")) {
                type = l.substring(7);
            } else if (l.startsWith("data: ") && event.equals(type) && l.contains(text)) {
                return l.substring(6);
            }
        }
        throw new AssertionError("no '" + event + "' event containing " + text + " within 20 s");
    }

    static String ticket(String token) throws Exception {
        return fx.ok("POST", "/api/v2/streams/tickets", token, null).getString("streamUri");
    }

    @Test
    void anAgentSignsInWithItsOwnPasswordAndTooManyFailuresAreThrottled() throws Exception {
        fx.agent("Bea", "bea", "bea-desk-pass", queue, null);
        assertThat(fx.signIn("bea", "sip-bea-desk-pass").statusCode()).as("the SIP password is not the desktop's").isEqualTo(401);
        assertThat(fx.signIn("nobody", "whatever-pass").statusCode()).isEqualTo(401);
        HttpResponse<String> ok = fx.signIn("bea", "bea-desk-pass");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(new JsonObject(ok.body()).getString("scope")).isEqualTo("agent");
        for (int i = 0; i < DesktopRoutes.FAILURES_PER_USER; i++) {
            assertThat(fx.signIn("BEA", "wrong-" + i).statusCode()).isEqualTo(401);
        }
        HttpResponse<String> throttled = fx.signIn("bea", "bea-desk-pass");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        assertThat(fx.send("POST", "/api/v2/oauth/clients", fx.admin, "{\"name\":\"x\",\"scopes\":[\"agent\"]}").statusCode())
                .as("no API client gets the agent scope").isEqualTo(400);
        HttpResponse<String> page = fx.send("GET", "/agent", null, null);
        assertThat(page.statusCode()).isEqualTo(301);
        assertThat(page.headers().firstValue("Location")).contains("/agent/");
        assertThat(fx.send("GET", "/supervisor/", null, null).body()).contains("/supervisor/board.js");
    }

    @Test
    void anAgentTokenActsOnlyOnItsOwnUser() throws Exception {
        String cy = fx.agent("Cy", "cy", "cy-desk-pass", queue, null);
        String dee = fx.agent("Dee", "dee", "dee-desk-pass", queue, null);
        String token = fx.agentToken("cy", "cy-desk-pass");

        JsonObject me = fx.ok("GET", "/api/v2/users/me", token, null);
        assertThat(me.getJsonObject("user").getString("id")).isEqualTo(cy);
        fx.ok("PUT", "/api/v2/users/me/routingstatus", token, "{\"status\":\"available\"}");
        assertThat(fx.ok("GET", "/api/v2/users/" + cy + "/routingstatus", fx.admin, null).getString("status")).isEqualTo("available");
        assertThat(fx.ok("GET", "/api/v2/users/" + dee + "/routingstatus", fx.admin, null).getString("status")).isEqualTo("offline");

        // another user, admin routes, other scopes' routes: refused by the guard
        assertThat(fx.send("GET", "/api/v2/users/" + dee, token, null).statusCode()).isEqualTo(403);
        assertThat(fx.send("PUT", "/api/v2/users/" + dee + "/routingstatus", token, "{\"status\":\"available\"}").statusCode()).isEqualTo(403);
        assertThat(fx.send("GET", "/api/v2/oauth/clients", token, null).statusCode()).isEqualTo(403);
        assertThat(fx.send("POST", "/api/v2/routing/skills", token, "{\"name\":\"x\"}").statusCode()).isEqualTo(403);
        assertThat(fx.send("GET", "/api/v2/interactions", token, null).statusCode()).isEqualTo(403);
        assertThat(fx.send("GET", "/api/v2/outbound/dnc/phone", token, null).statusCode()).isEqualTo(403);
        // what the desktop needs to read: wrap-up codes and queues
        assertThat(fx.send("GET", "/api/v2/routing/wrapupcodes", token, null).statusCode()).isEqualTo(200);
        assertThat(fx.send("GET", "/api/v2/routing/queues", token, null).statusCode()).isEqualTo(200);
        // an API client's token has no "me"
        assertThat(fx.send("GET", "/api/v2/users/me", fx.admin, null).statusCode()).isEqualTo(404);
        fx.ok("PUT", "/api/v2/users/me/routingstatus", token, "{\"status\":\"offline\"}");

        // nothing to act on: refused, and the state does not move (a wrap-up used to make an offline agent available)
        String code = fx.create("/api/v2/routing/wrapupcodes", "{\"name\":\"No sale\"}");
        assertThat(fx.send("POST", "/api/v2/users/me/interaction/hangup", token, null).statusCode()).isEqualTo(409);
        assertThat(fx.send("POST", "/api/v2/users/me/interaction/transfer", token, "{\"number\":\"+12015550100\"}").statusCode()).isEqualTo(409);
        assertThat(fx.send("POST", "/api/v2/users/me/interaction/wrapup", token, "{\"codeId\":\"" + code + "\"}").statusCode()).isEqualTo(409);
        assertThat(fx.send("POST", "/api/v2/users/me/interaction/donotcall", token, null).statusCode()).isEqualTo(409);
        assertThat(fx.ok("GET", "/api/v2/users/me", token, null).getJsonObject("routingStatus").getString("status")).isEqualTo("offline");
        assertThat(fx.control.calls).noneMatch(c -> c.contains(cy));
    }

    @Test
    void signingOutEndsTheTokenAndTheStreamAndATicketWorksOnce() throws Exception {
        String eve = fx.agent("Eve", "eve", "eve-desk-pass", queue, null);
        String token = fx.agentToken("eve", "eve-desk-pass");
        String uri = ticket(token);
        BlockingQueue<String> lines = stream(uri);
        assertThat(next(lines, "state", "\"offline\"")).contains(eve);
        HttpResponse<String> again = fx.send("GET", uri, null, null);
        assertThat(again.statusCode()).as("a ticket opens one stream").isEqualTo(401);

        fx.ok("POST", "/api/v2/users/me/signout", token, null);
        assertThat(next(lines, "signedOut", "{}")).isEqualTo("{}");
        assertThat(untilEnd(lines)).as("the server ended the stream").isEqualTo("EOF");
        assertThat(fx.send("GET", "/api/v2/users/me", token, null).statusCode()).isEqualTo(401);
        assertThat(fx.send("POST", "/api/v2/streams/tickets", token, null).statusCode()).isEqualTo(401);
        assertThat(fx.agentToken("eve", "eve-desk-pass")).as("a new session works").isNotBlank();
    }

    @Test
    void aStreamEndsWhenItsTokenExpiresAndAnAgentHasAtMostThreePerNode() throws Exception {
        String gus = fx.agent("Gus", "gus", "gus-desk-pass", queue, null);
        int session = fx.server.desktop().accounts().session(UUID.fromString(gus)).orElseThrow();
        String subject = "agent:" + gus + ":" + session;
        // a ticket as the ticket endpoint issues it for a token that has two seconds left
        String shortLived = fx.server.desktop().tickets().issue(new TokenService.Grant(subject, Set.of("agent"),
                Instant.now().plusSeconds(2)));
        BlockingQueue<String> expiring = stream("/agent/events?ticket=" + shortLived);
        next(expiring, "state", gus);
        assertThat(untilEnd(expiring)).as("closed at the token's expiry").isEqualTo("EOF");

        String token = fx.agentToken("gus", "gus-desk-pass");
        List<BlockingQueue<String>> streams = new java.util.ArrayList<>();
        for (int i = 0; i < EventStreams.PER_AGENT + 1; i++) {
            streams.add(stream(ticket(token)));
            next(streams.get(i), "state", gus);
        }
        assertThat(untilEnd(streams.get(0))).as("the oldest stream gave way to the fourth").isEqualTo("EOF");
        assertThat(streams.get(1).poll(1, TimeUnit.SECONDS)).as("the others stay open").isNotEqualTo("EOF");
    }

    /** The next line that is not blank or a comment: "EOF" when the server ended the stream within 20 s. */
    static String untilEnd(BlockingQueue<String> lines) throws Exception {
        String l = lines.poll(20, TimeUnit.SECONDS);
        while (l != null && (l.isEmpty() || l.startsWith(":"))) {
            l = lines.poll(20, TimeUnit.SECONDS);
        }
        return l;
    }

    @Test
    void aChangeMadeOnAnotherNodeReachesThisNodesStreams() throws Exception {
        String queue = fx.create("/api/v2/routing/queues", "{\"name\":\"Escalations\",\"alertingTimeoutSeconds\":600}");
        String fay = fx.agent("Fay", "fay", "fay-desk-pass", queue, skill);
        String token = fx.agentToken("fay", "fay-desk-pass");
        BlockingQueue<String> agentLines = stream(ticket(token));
        BlockingQueue<String> board = stream(ticket(fx.admin));
        next(board, "queues", "Escalations");
        fx.ok("PUT", "/api/v2/users/me/routingstatus", token, "{\"status\":\"available\"}");
        next(agentLines, "state", "\"available\"");

        // the other node enqueues and routes: this node's streams learn it from NOTIFY alone
        UUID id = fx.enqueueElsewhere(queue, Set.of(UUID.fromString(skill)), "+33612345678",
                new JsonObject().put("name", "Jean").put("recordUrl", "https://crm.example.com/r/7"));
        fx.otherRouter.route();
        String pop = next(agentLines, "state", "\"alerting\"");
        JsonObject view = new JsonObject(pop);
        assertThat(view.getJsonObject("interaction").getString("id")).isEqualTo(id.toString());
        assertThat(view.getJsonObject("interaction").getJsonObject("participantData").getString("recordUrl"))
                .isEqualTo("https://crm.example.com/r/7");
        fx.otherRouter.answered(UUID.fromString(fay));
        next(agentLines, "state", "\"onCall\"");
        assertThat(next(board, "queues", "onCall")).contains("Escalations");

        // call control goes through the interface; the transfer is passed on as asked
        fx.ok("POST", "/api/v2/users/me/interaction/transfer", token, "{\"number\":\"+33612345679\"}");
        assertThat(fx.send("POST", "/api/v2/users/me/interaction/transfer", token, "{}").statusCode()).isEqualTo(400);
        fx.ok("POST", "/api/v2/users/me/interaction/transfer", token, "{\"queueId\":\"" + queue + "\"}");
        assertThat(fx.control.calls).contains("transferToNumber " + fay + " +33612345679", "transferToQueue " + fay + " " + queue);
        fx.ok("POST", "/api/v2/users/me/interaction/hangup", token, null);
        next(agentLines, "state", "\"wrapUp\"");
        assertThat(fx.send("POST", "/api/v2/users/me/interaction/wrapup", token,
                "{\"codeId\":\"" + UUID.randomUUID() + "\"}").statusCode()).as("unknown code").isEqualTo(400);
    }

    @Test
    void interactionsAreListedByDateAndExportedAsCsv() throws Exception {
        String queue = fx.create("/api/v2/routing/queues", "{\"name\":\"Nobody answers\"}");
        Instant from = Instant.now().minusSeconds(1);
        for (int i = 0; i < 3; i++) {
            fx.enqueueElsewhere(queue, Set.of(), "+1201555030" + i, new JsonObject().put("n", "v" + i + ",\"quoted\""));
        }
        Instant to = Instant.now().plusSeconds(1);
        String range = "from=" + from + "&to=" + to;
        JsonObject page = fx.ok("GET", "/api/v2/interactions?" + range + "&pageSize=2", fx.admin, null);
        assertThat(page.getInteger("total")).isEqualTo(3);
        assertThat(page.getJsonArray("entities")).hasSize(2);
        assertThat(page.getString("nextUri")).contains("pageNumber=2");
        JsonObject one = page.getJsonArray("entities").getJsonObject(0);
        assertThat(one.getString("customerAddress")).isEqualTo("+12015550302");
        JsonObject detail = fx.ok("GET", "/api/v2/interactions/" + one.getString("id"), fx.admin, null);
        assertThat(detail.getJsonArray("flowTrace")).isEmpty();
        assertThat(detail.getJsonObject("participantData").getString("n")).isEqualTo("v2,\"quoted\"");

        HttpResponse<String> csv = fx.send("GET", "/api/v2/interactions/export?" + range, fx.admin, null);
        assertThat(csv.statusCode()).isEqualTo(200);
        assertThat(csv.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/csv"));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv.body())).getRecords();
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).get("customerAddress")).isEqualTo("+12015550300");
        assertThat(rows.get(2).get("participantData")).isEqualTo("{\"n\":\"v2,\\\"quoted\\\"\"}");
        assertThat(rows.get(0).get("queue")).isEqualTo("Nobody answers");

        assertThat(fx.send("GET", "/api/v2/interactions/export?from=" + from, fx.admin, null).statusCode()).isEqualTo(400);
        assertThat(fx.send("GET", "/api/v2/interactions?from=yesterday", fx.admin, null).statusCode()).isEqualTo(400);
        assertThat(fx.send("GET", "/api/v2/interactions?from=" + to + "&to=" + from, fx.admin, null).statusCode()).isEqualTo(400);
        assertThat(fx.send("GET", "/api/v2/interactions/" + UUID.randomUUID(), fx.admin, null).statusCode()).isEqualTo(404);
    }
}
