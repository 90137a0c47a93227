package org.opendialer.contacts.dnc.external;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DNC.com (DNCScrub) "Scrub API", version 5, one of the providers Genesys Cloud's external DNC lists support:
 * {@code POST <base>/app/main/rpc/scrub} with header {@code loginId: <API key>} and JSON body
 * {@code {"phoneList": "5039367187,7075276405", "version": "5", "output": "json"}}; the answer is a JSON array of
 * {@code {"Phone": "5039367187", "ResultCode": "D", "Reason": ...}}. {@code C} (clean) and {@code W} (wireless,
 * not on a list) allow the call; every other code (D do-not-call, L wireless prohibited, X invalid, …) blocks it.
 * The service takes 10-digit NANP numbers only: others are not asked and stay UNKNOWN. At most 10,000 a request.
 * The whole exchange has {@code budget}; past it, or on any error, the numbers asked are DOWN.
 */
public final class DncScrubProvider implements ExternalDnc {

    private static final Logger LOG = LoggerFactory.getLogger(DncScrubProvider.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> DIALABLE = Set.of("C", "W");
    static final int MAX_BATCH = 10_000;

    private final HttpClient http;
    private final URI endpoint;
    private final String loginId;
    private final Duration budget;

    /** @param base e.g. {@code https://www.dncscrub.com} (a stand-in's address in tests) */
    public DncScrubProvider(HttpClient http, URI base, String loginId, Duration budget) {
        this.http = http;
        this.endpoint = base.resolve("/app/main/rpc/scrub");
        this.loginId = loginId;
        this.budget = budget;
    }

    @Override
    public Map<String, Verdict> scrub(Collection<String> numbers) {
        Map<String, Verdict> out = new LinkedHashMap<>();
        Map<String, String> byTenDigits = new HashMap<>();
        for (String n : numbers) {
            out.put(n, Verdict.UNKNOWN);
            if (n.matches("\\+1\\d{10}")) {
                byTenDigits.put(n.substring(2), n);
            }
        }
        List<String> asked = List.copyOf(byTenDigits.keySet());
        for (int from = 0; from < asked.size(); from += MAX_BATCH) {
            ask(asked.subList(from, Math.min(asked.size(), from + MAX_BATCH)), byTenDigits, out);
        }
        return out;
    }

    private void ask(List<String> tenDigits, Map<String, String> byTenDigits, Map<String, Verdict> out) {
        try {
            String body = JSON.createObjectNode().put("phoneList", String.join(",", tenDigits)).put("version", "5")
                    .put("output", "json").toString();
            HttpRequest request = HttpRequest.newBuilder(endpoint).timeout(budget).header("loginId", loginId)
                    .header("Content-Type", "application/json").header("Accept", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build();
            HttpResponse<String> r = http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .orTimeout(budget.toMillis(), TimeUnit.MILLISECONDS).join();
            if (r.statusCode() != 200) {
                LOG.warn("DNC scrub answered {}: {} number(s) not answered", r.statusCode(), tenDigits.size());
                down(tenDigits, byTenDigits, out);
                return;
            }
            for (JsonNode row : JSON.readTree(r.body())) {
                String e164 = byTenDigits.get(row.path("Phone").asText());
                if (e164 != null) {
                    out.put(e164, DIALABLE.contains(row.path("ResultCode").asText()) ? Verdict.DIALABLE : Verdict.BLOCKED);
                }
            }
        } catch (Exception e) {
            // late, refused, unreadable: fail safe, the numbers are DOWN (not dialed)
            LOG.warn("DNC scrub failed for {} number(s): {}", tenDigits.size(), e.toString());
            down(tenDigits, byTenDigits, out);
        }
    }

    private static void down(List<String> tenDigits, Map<String, String> byTenDigits, Map<String, Verdict> out) {
        for (String t : tenDigits) {
            out.replace(byTenDigits.get(t), Verdict.UNKNOWN, Verdict.DOWN);
        }
    }
}
