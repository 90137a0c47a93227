package org.opendialer.ivr.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CRM on 127.0.0.1 for tests: a few customers, served by phone and by account number in the REST shapes of
 * Salesforce (SOQL query), Zendesk (user search) and Dynamics 365 (contacts with an OData filter), an OAuth2
 * client-credentials token endpoint, and a slow mode in which lookups hang until {@link #release()}.
 */
public final class CrmStandIn implements AutoCloseable {

    record Customer(String id, String firstName, String lastName, String phone, String account, String tier,
                    boolean priorityAccount, String product, int nps) {
    }

    public static final String CLIENT_ID = "dialer";
    public static final String CLIENT_SECRET = "s3cret:with&odd=chars";
    static final String BASIC = "Basic " + java.util.Base64.getEncoder().encodeToString("crm-user:crm-pass".getBytes(StandardCharsets.UTF_8));
    static final String FIXED_BEARER = "Bearer fixed-token";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpServer server;
    private final List<Customer> customers = new ArrayList<>();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    final AtomicInteger tokenRequests = new AtomicInteger();
    public final AtomicInteger lookups = new AtomicInteger();
    private volatile CountDownLatch slow;
    private volatile int tokenLifetimeSeconds = 3600;

    public CrmStandIn() throws IOException {
        customers.add(new Customer("003A000001", "Jane", "Doe", "+15551230001", "CD451796", "platinum", true, "fiber", 9));
        customers.add(new Customer("003A000002", "Min-jun", "Kim", "+821012345678", "KR100200", "gold", false, "mobile", 5));
        customers.add(new Customer("003A000003", "Ada", "Lovelace", "+15551230003", "100200300", "gold", false, "mobile", 5));
        accepted.add(BASIC);
        accepted.add(FIXED_BEARER);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/oauth2/token", this::token);
        server.createContext("/services/data/", ex -> lookup(ex, this::salesforce));
        server.createContext("/api/v2/users/search.json", ex -> lookup(ex, this::zendesk));
        server.createContext("/api/data/v9.2/contacts", ex -> lookup(ex, this::dynamics));
        server.createContext("/custom/lookup", this::custom);
        server.start();
    }

    public String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on lookups wait until {@link #release()} (or 30 s). */
    public void slow() {
        slow = new CountDownLatch(1);
    }

    public void release() {
        CountDownLatch s = slow;
        slow = null;
        if (s != null) {
            s.countDown();
        }
    }

    void tokenLifetime(int seconds) {
        tokenLifetimeSeconds = seconds;
    }

    private void token(HttpExchange ex) throws IOException {
        tokenRequests.incrementAndGet();
        String expected = "Basic " + java.util.Base64.getEncoder().encodeToString((CLIENT_ID + ":"
                + java.net.URLEncoder.encode(CLIENT_SECRET, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (!expected.equals(ex.getRequestHeaders().getFirst("Authorization")) || !body.startsWith("grant_type=client_credentials")) {
            send(ex, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        String token = "issued-" + tokenRequests.get();
        accepted.add("Bearer " + token);
        send(ex, 200, "{\"access_token\":\"" + token + "\",\"token_type\":\"Bearer\",\"expires_in\":" + tokenLifetimeSeconds + "}");
    }

    private interface Shape {
        String answer(Map<String, String> query) throws IOException;
    }

    private void lookup(HttpExchange ex, Shape shape) throws IOException {
        lookups.incrementAndGet();
        CountDownLatch s = slow;
        if (s != null) {
            try {
                s.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (!accepted.contains(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")))) {
            send(ex, 401, "{\"error\":\"unauthorized\"}");
            return;
        }
        send(ex, 200, shape.answer(query(ex.getRequestURI().getRawQuery())));
    }

    private List<Customer> find(String field, String value) {
        return customers.stream().filter(c -> value.equals(field.equals("phone") ? c.phone() : c.account())).toList();
    }

    /** Only the WHERE clauses the presets write are understood. */
    private String salesforce(Map<String, String> q) throws IOException {
        Matcher m = Pattern.compile("WHERE (Phone|Account\\.AccountNumber) = '([^']*)'").matcher(q.getOrDefault("q", ""));
        List<Customer> found = m.find() ? find(m.group(1).equals("Phone") ? "phone" : "account", m.group(2)) : List.of();
        ObjectNode root = JSON.createObjectNode().put("totalSize", found.size()).put("done", true);
        ArrayNode records = root.putArray("records");
        for (Customer c : found) {
            ObjectNode r = records.addObject();
            r.putObject("attributes").put("type", "Contact").put("url", "/services/data/v62.0/sobjects/Contact/" + c.id());
            r.put("Id", c.id()).put("Name", c.firstName() + " " + c.lastName()).put("FirstName", c.firstName()).put("Phone", c.phone());
            r.putObject("Account").put("AccountNumber", c.account()).put("Tier__c", c.tier())
                    .put("Priority_Account__c", c.priorityAccount());
            r.put("Product__c", c.product()).put("NPS__c", c.nps());
        }
        return JSON.writeValueAsString(root);
    }

    private String zendesk(Map<String, String> q) throws IOException {
        List<Customer> found = q.containsKey("external_id") ? find("account", q.get("external_id")) : find("phone", q.getOrDefault("query", ""));
        ObjectNode root = JSON.createObjectNode();
        ArrayNode users = root.putArray("users");
        for (Customer c : found) {
            ObjectNode u = users.addObject().put("id", Long.parseLong(c.id().substring(4))).put("name", c.firstName() + " " + c.lastName())
                    .put("phone", c.phone()).put("external_id", c.account()).put("role", "end-user");
            u.putObject("user_fields").put("tier", c.tier()).put("priority_account", c.priorityAccount())
                    .put("product", c.product()).put("nps", c.nps());
        }
        root.putNull("next_page").putNull("previous_page").put("count", found.size());
        return JSON.writeValueAsString(root);
    }

    private String dynamics(Map<String, String> q) throws IOException {
        Matcher m = Pattern.compile("(telephone1|parentcustomerid_account/accountnumber) eq '([^']*)'").matcher(q.getOrDefault("$filter", ""));
        List<Customer> found = m.find() ? find(m.group(1).equals("telephone1") ? "phone" : "account", m.group(2)) : List.of();
        ObjectNode root = JSON.createObjectNode().put("@odata.context", base() + "/api/data/v9.2/$metadata#contacts");
        ArrayNode value = root.putArray("value");
        for (Customer c : found) {
            value.addObject().put("@odata.etag", "W/\"1\"").put("contactid", c.id()).put("fullname", c.firstName() + " " + c.lastName())
                    .put("firstname", c.firstName()).put("telephone1", c.phone()).put("new_tier", c.tier())
                    .put("new_priorityaccount", c.priorityAccount()).put("new_product", c.product()).put("new_nps", c.nps());
        }
        return JSON.writeValueAsString(root);
    }

    /** A service of the customer's own: POST {"phone": ..., "note": ...} with an X-Api-Key; echoes the note back. */
    private void custom(HttpExchange ex) throws IOException {
        lookups.incrementAndGet();
        if (!"POST".equals(ex.getRequestMethod()) || !"k1".equals(ex.getRequestHeaders().getFirst("X-Api-Key"))) {
            send(ex, 403, "{}");
            return;
        }
        var body = JSON.readTree(ex.getRequestBody());
        List<Customer> found = find("phone", body.path("phone").asText());
        ObjectNode root = JSON.createObjectNode().put("echo", body.path("note").asText());
        found.forEach(c -> root.putObject("customer").put("name", c.firstName()).put("tier", c.tier()));
        send(ex, 200, JSON.writeValueAsString(root));
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        release();
        server.stop(0);
    }
}
