package org.opendialer.api.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.opendialer.api.ChildServer;
import org.opendialer.messaging.sms.sim.LoopbackSmsc;

/** An SMS campaign driven over a child node's API, and what the SMSC got: shared by the crash and two-node proofs. */
final class SmsCampaigns {

    private SmsCampaigns() {
    }

    /** The node's configuration file: SMS to {@code smsc} (window 50, no rate limit), campaigns ticked every 100 ms. */
    static String config(LoopbackSmsc smsc) {
        return """
                messaging:
                  sms: {enabled: true, host: 127.0.0.1, port: %d, systemId: dialer, password: pw, sourceAddress: "12345",
                        windowSize: 50, maxSubmitsPerSecond: 0, reconnectSeconds: 1}
                  campaignTickMillis: 100
                """.formatted(smsc.port());
    }

    /** Uploads {@code n} contacts (+1555{@code first}...) and starts an SMS campaign over them; returns its id. */
    static String start(ChildServer node, int n, long first, int perMinute) throws Exception {
        String token = node.adminToken();
        StringBuilder csv = new StringBuilder("name,mobile\n");
        for (int i = 0; i < n; i++) {
            csv.append("C").append(i).append(",+1555").append(first + i).append('\n');
        }
        HttpResponse<String> list = node.send("POST", "/api/v2/outbound/contactlists", token, new JsonObject()
                .put("name", "crash").put("csv", csv.toString()).put("phoneColumns", List.of("mobile")).encode());
        assertThat(list.statusCode()).as(list.body()).isEqualTo(201);
        HttpResponse<String> c = node.send("POST", "/api/v2/outbound/messagingcampaigns", token, new JsonObject()
                .put("name", "crash").put("messengerType", "sms").put("contactList", new JsonObject().put("id", new JsonObject(list.body()).getString("id")))
                .put("addressColumn", "mobile").put("template", "Hi {{name}}, your appointment is tomorrow")
                .put("messagesPerMinute", perMinute).encode());
        assertThat(c.statusCode()).as(c.body()).isEqualTo(201);
        String id = new JsonObject(c.body()).getString("id");
        HttpResponse<String> started = node.send("POST", "/api/v2/outbound/messagingcampaigns/" + id + "/start", token, "");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
        return id;
    }

    static JsonObject progress(ChildServer node, String token, String id) {
        try {
            HttpResponse<String> r = node.send("GET", "/api/v2/outbound/messagingcampaigns/" + id + "/progress", token, null);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            return new JsonObject(r.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    static void awaitComplete(ChildServer node, String token, String id, Duration limit) throws InterruptedException {
        await("campaign complete", limit, () -> "complete".equals(progress(node, token, id).getString("campaignStatus")));
    }

    static List<CSVRecord> export(ChildServer node, String token, String id) throws Exception {
        HttpResponse<String> r = node.send("GET", "/api/v2/outbound/messagingcampaigns/" + id + "/export", token, null);
        assertThat(r.statusCode()).isEqualTo(200);
        return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(r.body())).getRecords();
    }

    /** Accepted submit_sm per destination. */
    static Map<String, Long> submitsByDestination(LoopbackSmsc smsc) {
        return smsc.submitted().stream().filter(s -> s.messageId() != null)
                .collect(Collectors.groupingBy(LoopbackSmsc.Submitted::to, Collectors.counting()));
    }

    static void await(String what, Duration limit, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit + ": " + what);
            }
            Thread.sleep(1);
        }
    }
}
