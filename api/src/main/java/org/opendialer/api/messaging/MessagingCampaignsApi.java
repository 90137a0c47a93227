package org.opendialer.api.messaging;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.LocalTime;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
import org.opendialer.notifications.messaging.Channel;
import org.opendialer.notifications.messaging.MessagingCampaign;
import org.opendialer.notifications.messaging.MessagingCampaigns;

/**
 * {@code /api/v2/outbound/messagingcampaigns}: CRUD, start/stop (on/off), progress, attempt history and the
 * results export (CSV or PDF) with every contact's outcome. Saves answer with {@code warnings} (a link that
 * would be split across SMS parts) but are not refused for them.
 */
public final class MessagingCampaignsApi {

    private final MessagingCampaigns campaigns;
    private final Blocking blocking;

    public MessagingCampaignsApi(MessagingCampaigns campaigns, Blocking blocking) {
        this.campaigns = campaigns;
        this.blocking = blocking;
    }

    private static MessagingCampaigns.Draft draft(JsonObject b) {
        JsonObject hours = b.getJsonObject("callableHours");
        String list = Replies.str(b, "contactListId");
        return new MessagingCampaigns.Draft(b.getString("name"), Channel.valueOf(b.getString("messengerType").toUpperCase(Locale.ROOT)),
                list == null ? null : UUID.fromString(list), b.getString("addressColumn"), Replies.str(b, "fromAddress"),
                Replies.str(b, "subject"), Replies.str(b, "template"), Replies.str(b, "htmlTemplate"),
                Replies.str(b, "messageColumn"), b.getInteger("messagesPerMinute", 60),
                hours == null ? null : LocalTime.parse(hours.getString("from")),
                hours == null ? null : LocalTime.parse(hours.getString("to")), Replies.str(b, "timeZone"));
    }

    private static JsonObject saved(MessagingCampaigns.Saved s) {
        return Json.campaign(s.campaign()).put("warnings", new JsonArray(s.warnings()));
    }

    public void create(RoutingContext rc) {
        MessagingCampaigns.Draft d = draft(Replies.body(rc));
        Replies.answer(rc, blocking.call(() -> campaigns.create(d)), s -> {
            rc.response().putHeader("Location", "/api/v2/outbound/messagingcampaigns/" + s.campaign().id());
            Replies.json(rc, 201, saved(s));
        });
    }

    public void update(RoutingContext rc) {
        UUID id = id(rc);
        MessagingCampaigns.Draft d = draft(Replies.body(rc));
        Replies.answer(rc, blocking.call(() -> campaigns.update(id, d)), s -> Replies.json(rc, 200, saved(s)));
    }

    public void list(RoutingContext rc) {
        Replies.answer(rc, blocking.call(() -> campaigns.list().stream()
                .map(c -> Json.campaign(c).put("progress", Json.progress(campaigns.progress(c)))).toList()), all ->
                Replies.json(rc, 200, new JsonObject().put("entities", new JsonArray(all)).put("total", all.size())));
    }

    public void get(RoutingContext rc) {
        UUID id = id(rc);
        Replies.answer(rc, blocking.call(() -> Json.campaign(find(id))), o -> Replies.json(rc, 200, o));
    }

    public void delete(RoutingContext rc) {
        UUID id = id(rc);
        Replies.answer(rc, blocking.call(() -> campaigns.delete(id)), ok -> rc.response().setStatusCode(204).end());
    }

    public void start(RoutingContext rc) {
        UUID id = id(rc);
        Replies.answer(rc, blocking.call(() -> Json.campaign(campaigns.start(id))), o -> Replies.json(rc, 200, o));
    }

    public void stop(RoutingContext rc) {
        UUID id = id(rc);
        Replies.answer(rc, blocking.call(() -> Json.campaign(campaigns.stop(id))), o -> Replies.json(rc, 200, o));
    }

    public void progress(RoutingContext rc) {
        UUID id = id(rc);
        Replies.answer(rc, blocking.call(() -> Json.progress(campaigns.progress(find(id)))), o -> Replies.json(rc, 200, o));
    }

    public void attempts(RoutingContext rc) {
        UUID id = id(rc);
        Replies.answer(rc, blocking.call(() -> {
            find(id);
            JsonArray a = new JsonArray();
            campaigns.attempts(id).forEach(x -> {
                JsonObject o = new JsonObject().put("contactId", x.contactId()).put("at", x.at().toString())
                        .put("outcome", x.outcome().toLowerCase(Locale.ROOT));
                if (x.messageId() != null) {
                    o.put("messageId", x.messageId().toString());
                }
                if (x.detail() != null) {
                    o.put("detail", x.detail());
                }
                a.add(o);
            });
            return a;
        }), a -> Replies.json(rc, 200, new JsonObject().put("campaignId", id.toString()).put("entities", a).put("total", a.size())));
    }

    /** {@code ?format=csv} (default) or {@code pdf}, as a download. */
    public void export(RoutingContext rc) {
        UUID id = id(rc);
        var format = Replies.request(rc).getQuery().get("format");
        boolean pdf = format != null && !format.isNull() && "pdf".equals(format.getString());
        Replies.answer(rc, blocking.call(() -> {
            MessagingCampaign c = find(id);
            return pdf ? Buffer.buffer(campaigns.exportPdf(c)) : Buffer.buffer(campaigns.exportCsv(id));
        }), body -> rc.response().putHeader("Content-Type", pdf ? "application/pdf" : "text/csv; charset=utf-8")
                .putHeader("Content-Disposition", "attachment; filename=\"campaign-" + id + (pdf ? ".pdf\"" : ".csv\""))
                .end(body));
    }

    private MessagingCampaign find(UUID id) {
        return campaigns.find(id).orElseThrow(() -> new NoSuchElementException("no messaging campaign " + id));
    }

    private static UUID id(RoutingContext rc) {
        return UUID.fromString(Replies.path(rc, "campaignId"));
    }
}
