package org.opendialer.api.outbound;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.opendialer.contacts.callable.CallableHours;
import org.opendialer.contacts.callable.CallableTimeSet;
import org.opendialer.contacts.callable.CallableWindow;
import org.opendialer.contacts.dnc.DncEntry;
import org.opendialer.contacts.dnc.DncImportReport;
import org.opendialer.contacts.dnc.DncList;

/** JSON forms of DNC lists, entries, upload reports and callable time sets, as the contract describes them. */
final class OutboundJson {

    static final String DNC_LISTS = "/api/v2/outbound/dnclists";
    static final String TIME_SETS = "/api/v2/outbound/callabletimesets";

    private OutboundJson() {
    }

    static JsonObject dncList(DncList l) {
        return new JsonObject().put("id", l.id().toString()).put("name", l.name()).put("internal", l.internal())
                .put("dateCreated", l.dateCreated().toString()).put("dateModified", l.dateModified().toString())
                .put("version", l.version()).put("selfUri", DNC_LISTS + "/" + l.id()).put("dncSourceType", l.dncSourceType());
    }

    static JsonObject dncEntry(DncEntry e) {
        JsonObject o = new JsonObject().put("contactMethod", e.channel().name().toLowerCase(Locale.ROOT)).put("address", e.address())
                .put("dateCreated", e.dateCreated().toString());
        if (e.expiresAt() != null) {
            o.put("expirationDateTime", e.expiresAt().toString());
        }
        if (e.source() != null) {
            o.put("source", camel(e.source()));
        }
        return o;
    }

    static JsonObject report(DncImportReport r) {
        JsonArray errors = new JsonArray();
        r.errors().forEach(e -> errors.add(new JsonObject().put("line", e.line()).put("reason", e.reason())));
        return new JsonObject().put("imported", r.imported()).put("rows", r.rows()).put("stored", r.stored())
                .put("badRows", r.badRows()).put("errors", errors);
    }

    static JsonObject timeSet(CallableTimeSet s) {
        JsonArray windows = new JsonArray();
        s.windows().forEach(w -> windows.add(new JsonObject().put("day", w.day().getValue())
                .put("startTime", w.start().toString()).put("stopTime", w.stop().toString())));
        JsonArray blocked = new JsonArray();
        s.blockedDates().forEach(d -> blocked.add(d.toString()));
        return new JsonObject().put("id", s.id().toString()).put("name", s.name()).put("callableTimes", windows)
                .put("blockedDates", blocked).put("dateCreated", s.dateCreated().toString())
                .put("dateModified", s.dateModified().toString()).put("version", s.version())
                .put("selfUri", TIME_SETS + "/" + s.id());
    }

    /** A set from a request body (already checked against the contract's schema). */
    static CallableTimeSet timeSet(JsonObject b) {
        List<CallableWindow> windows = new ArrayList<>();
        for (Object o : b.getJsonArray("callableTimes", new JsonArray())) {
            JsonObject w = (JsonObject) o;
            windows.add(new CallableWindow(DayOfWeek.of(w.getInteger("day")), LocalTime.parse(w.getString("startTime")),
                    LocalTime.parse(w.getString("stopTime"))));
        }
        List<LocalDate> blocked = new ArrayList<>();
        for (Object d : b.getJsonArray("blockedDates", new JsonArray())) {
            blocked.add(LocalDate.parse((String) d));
        }
        return CallableTimeSet.draft(b.getString("name"), windows, blocked);
    }

    static JsonObject verdict(CallableHours.Verdict v, java.util.Optional<java.time.Instant> next) {
        JsonArray zones = new JsonArray();
        v.zones().forEach(z -> zones.add(z.getId()));
        return new JsonObject().put("callable", v.callable()).put("timeZones", zones).put("reason", v.reason())
                .put("nextCallableAt", next.map(Object::toString).orElse(null));
    }

    /** {@code IVR_OPTOUT} or {@code ivr_optout} to {@code ivrOptout}: the API's lowerCamelCase enum form. */
    static String camel(String name) {
        StringBuilder b = new StringBuilder();
        boolean up = false;
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '_') {
                up = !b.isEmpty();
            } else {
                b.append(up ? Character.toUpperCase(c) : c);
                up = false;
            }
        }
        return b.toString();
    }
}
