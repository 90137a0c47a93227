package org.opendialer.api.outbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.opendialer.api.http.Blocking;
import org.opendialer.contacts.callable.CallableContact;
import org.opendialer.contacts.callable.CallableHours;
import org.opendialer.contacts.callable.CallableTimeSets;
import org.opendialer.contacts.callable.ContactZones;
import org.opendialer.contacts.callable.UnknownZone;

/**
 * {@code /api/v2/outbound/callabletimesets}: CRUD, and a check that answers for one contact whether it is
 * callable at an instant (default now), in which zones, why, and from when (the dry run of one contact).
 */
final class CallableTimeSetsApi {

    private final CallableTimeSets sets;
    private final ContactZones zones;
    private final Clock clock;
    private final Blocking blocking;

    CallableTimeSetsApi(CallableTimeSets sets, ContactZones zones, Clock clock, Blocking blocking) {
        this.sets = sets;
        this.zones = zones;
        this.clock = clock;
        this.blocking = blocking;
    }

    void list(RoutingContext rc) {
        int size = OutboundPages.pageSize(rc);
        int number = OutboundPages.pageNumber(rc);
        OutboundReplies.answer(rc, blocking.call(() -> sets.page(size, number)), s -> OutboundPages.send(rc, s, OutboundJson::timeSet));
    }

    void create(RoutingContext rc) {
        JsonObject b = OutboundReplies.body(rc);
        OutboundReplies.answer(rc, blocking.call(() -> sets.create(OutboundJson.timeSet(b))), s -> {
            rc.response().putHeader("Location", OutboundJson.TIME_SETS + "/" + s.id());
            OutboundReplies.json(rc, 201, OutboundJson.timeSet(s));
        });
    }

    void get(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "callableTimeSetId");
        OutboundReplies.answer(rc, blocking.call(() -> sets.find(id).orElseThrow(() -> missing(id))),
                s -> OutboundReplies.json(rc, 200, OutboundJson.timeSet(s)));
    }

    void update(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "callableTimeSetId");
        JsonObject b = OutboundReplies.body(rc);
        OutboundReplies.answer(rc, blocking.call(() -> sets.update(id, OutboundJson.timeSet(b), b.getInteger("version"))),
                s -> OutboundReplies.json(rc, 200, OutboundJson.timeSet(s)));
    }

    void delete(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "callableTimeSetId");
        OutboundReplies.answer(rc, blocking.call(() -> sets.delete(id)), deleted -> {
            if (deleted) {
                rc.response().setStatusCode(204).end();
            } else {
                OutboundReplies.notFound(rc, "no callable time set " + id);
            }
        });
    }

    /** {@code {contact: {timeZone, postalCode, phoneNumbers}, at?, unknownZone?: {action: skip|useDefault, defaultTimeZone}}}. */
    void check(RoutingContext rc) {
        UUID id = OutboundReplies.pathId(rc, "callableTimeSetId");
        JsonObject b = OutboundReplies.body(rc);
        JsonObject c = b.getJsonObject("contact");
        CallableContact contact = new CallableContact(c.getString("timeZone"), c.getString("postalCode"),
                c.getJsonArray("phoneNumbers", new JsonArray()).stream().map(Object::toString).toList());
        OutboundReplies.answer(rc, blocking.call(() -> {
            Instant at = b.getString("at") == null ? clock.instant() : Instant.parse(b.getString("at"));
            CallableHours hours = new CallableHours(sets.find(id).orElseThrow(() -> missing(id)), unknownZone(b), zones, clock);
            return OutboundJson.verdict(hours.decide(contact, at), hours.nextCallableAt(contact, at));
        }), v -> OutboundReplies.json(rc, 200, v));
    }

    private static UnknownZone unknownZone(JsonObject b) {
        JsonObject u = b.getJsonObject("unknownZone");
        if (u == null || !"useDefault".equals(u.getString("action"))) {
            return UnknownZone.SKIP;
        }
        String zone = u.getString("defaultTimeZone");
        if (zone == null) {
            throw new IllegalArgumentException("unknownZone.defaultTimeZone: required with action useDefault");
        }
        return UnknownZone.assume(ZoneId.of(zone));
    }

    private static java.util.NoSuchElementException missing(UUID id) {
        return new java.util.NoSuchElementException("no callable time set " + id);
    }
}
