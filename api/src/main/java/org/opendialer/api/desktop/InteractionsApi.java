package org.opendialer.api.desktop;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.UUID;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.opendialer.api.http.Blocking;
import org.opendialer.api.http.Listing;

/**
 * {@code /api/v2/interactions} (scope {@code routing}): voice interactions and SMS/email conversations by creation
 * time and media type, one with its participant data, wrap-up, agent, times and IVR flow trace, and a CSV export of a
 * date range, streamed from a
 * database cursor in chunks (each written before the next is read, so memory stays flat however long the range).
 */
final class InteractionsApi {

    /** The longest range one request may ask for. */
    static final Duration MAX_RANGE = Duration.ofDays(366);
    static final String[] COLUMNS = {"id", "dateCreated", "mediaType", "direction", "state", "queue", "skills", "agent",
        "customerAddress", "dialedAddress", "callId", "enqueuedAt", "connectedAt", "endedAt", "wrapupCode", "wrapupNotes",
        "participantData", "status", "campaignId", "messageCount"};
    private static final Set<String> MEDIA = Set.of("voice", "sms", "email");
    private static final int CHUNK = 64 * 1024;

    private final Desktop desktop;
    private final Blocking blocking;

    InteractionsApi(Desktop desktop, Blocking blocking) {
        this.desktop = desktop;
        this.blocking = blocking;
    }

    void list(RoutingContext rc) {
        InteractionStore.Filter filter;
        try {
            filter = filter(rc, true);
        } catch (IllegalArgumentException e) {
            DesktopApi.fail(rc, e);
            return;
        }
        Listing.Page page = Listing.page(rc);
        blocking.call(() -> new Listing.Result<>(desktop.interactions().list(filter, page.pageSize(), page.offset()),
                desktop.interactions().count(filter)))
                .onSuccess(r -> Listing.send(rc, page, r, j -> j)).onFailure(e -> DesktopApi.fail(rc, e));
    }

    void get(RoutingContext rc) {
        UUID id = UUID.fromString(DesktopApi.request(rc).getPathParameters().get("interactionId").getString());
        blocking.call(() -> {
            JsonObject i = desktop.interactions().find(id).orElseThrow(() -> new NoSuchElementException("no interaction " + id));
            JsonArray trace = new JsonArray();
            String callId = i.getString("callId");
            if (callId != null) {
                desktop.traces().forCall(callId).forEach(s -> trace.add(new JsonObject().put("flowId", s.flowId())
                        .put("seq", s.seq()).put("nodeId", s.nodeId()).put("nodeType", s.nodeType())
                        .put("at", s.at().toString()).put("outcome", s.outcome()).put("detail", s.detail())));
            }
            return i.put("flowTrace", trace);
        }).onSuccess(j -> rc.response().putHeader("Content-Type", "application/json").end(j.encode()))
                .onFailure(e -> DesktopApi.fail(rc, e));
    }

    void export(RoutingContext rc) {
        InteractionStore.Filter filter;
        try {
            filter = filter(rc, false);
        } catch (IllegalArgumentException e) {
            DesktopApi.fail(rc, e);
            return;
        }
        HttpServerResponse resp = rc.response();
        resp.setChunked(true).putHeader("Content-Type", "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"interactions.csv\"");
        blocking.call(() -> {
            StringWriter buf = new StringWriter();
            CSVPrinter csv = new CSVPrinter(buf, CSVFormat.DEFAULT.builder().setHeader(COLUMNS).get());
            desktop.interactions().each(filter, i -> {
                csv.printRecord(row(i));
                if (buf.getBuffer().length() >= CHUNK) {
                    flush(resp, buf);
                }
            });
            csv.flush();
            flush(resp, buf);
            return null;
        }).onSuccess(v -> resp.end()).onFailure(e -> {
            if (resp.headWritten()) {
                resp.reset(); // a truncated CSV must not look complete
            } else {
                DesktopApi.fail(rc, e);
            }
        });
    }

    /** Writes what is buffered and waits until the connection took it (back-pressure for the cursor). */
    private static void flush(HttpServerResponse resp, StringWriter buf) throws Exception {
        if (buf.getBuffer().isEmpty()) {
            return;
        }
        String chunk = buf.toString();
        buf.getBuffer().setLength(0);
        resp.write(chunk).toCompletionStage().toCompletableFuture().get();
    }

    private static Object[] row(JsonObject i) throws IOException {
        JsonObject w = i.getJsonObject("wrapup", new JsonObject());
        JsonObject agent = i.getJsonObject("agent");
        StringBuilder skills = new StringBuilder();
        i.getJsonArray("skills").forEach(s -> skills.append(skills.isEmpty() ? "" : ";").append(((JsonObject) s).getString("name")));
        return new Object[] {i.getString("id"), i.getString("dateCreated"), i.getString("mediaType"), i.getString("direction"),
            i.getString("state"), i.getJsonObject("queue", new JsonObject()).getString("name"), skills, agent == null ? null : agent.getString("name"),
            i.getString("customerAddress"), i.getString("dialedAddress"), i.getString("callId"), i.getString("enqueuedAt"),
            i.getString("connectedAt"), i.getString("endedAt"),
            w.getJsonObject("code") == null ? null : w.getJsonObject("code").getString("name"), w.getString("notes"),
            i.getJsonObject("participantData").encode(), i.getString("status"), i.getString("campaignId"),
            i.getInteger("messageCount")};
    }

    /**
     * from/to as ISO-8601 instants (a list without them covers the last 24 hours, an export must name both) and
     * an optional mediaType.
     */
    private static InteractionStore.Filter filter(RoutingContext rc, boolean defaults) {
        String from = rc.queryParams().get("from");
        String to = rc.queryParams().get("to");
        Instant now = Instant.now();
        if (!defaults && (from == null || to == null)) {
            throw new IllegalArgumentException("from: the export needs from and to (ISO-8601, e.g. 2026-12-01T00:00:00Z)");
        }
        Instant f = from == null ? now.minus(Duration.ofDays(1)) : instant("from", from);
        Instant t = to == null ? now.plusSeconds(1) : instant("to", to);
        if (!f.isBefore(t)) {
            throw new IllegalArgumentException("to: must be after from");
        }
        if (Duration.between(f, t).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("to: at most " + MAX_RANGE.toDays() + " days after from");
        }
        String media = rc.queryParams().get("mediaType");
        if (media != null && !MEDIA.contains(media)) {
            throw new IllegalArgumentException("mediaType: one of voice, sms, email, not '" + media + "'");
        }
        return new InteractionStore.Filter(f, t, media);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + ": an ISO-8601 instant such as 2026-12-01T00:00:00Z, not '" + value + "'");
        }
    }

}
