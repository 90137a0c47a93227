package org.opendialer.api.calls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.opendialer.notifications.voice.CallRecord;

/** JSON forms of a call, as the OpenAPI document's Call and CallSummary schemas describe them. */
final class CallJson {

    private CallJson() { }

    static JsonObject summary(CallRecord c) {
        JsonObject o = new JsonObject().put("id", c.id().toString()).put("to", c.to())
                .put("state", c.state().name().toLowerCase(java.util.Locale.ROOT))
                .put("createdAt", c.createdAt().toString());
        put(o, "from", c.from().isEmpty() ? null : c.from());
        put(o, "outcome", c.outcome());
        put(o, "keyPressed", c.keyPressed());
        put(o, "disposition", c.disposition());
        return o;
    }

    static JsonObject full(CallRecord c) {
        JsonObject o = summary(c);
        put(o, "sipStatus", c.sipStatus());
        put(o, "q850Cause", c.q850());
        put(o, "hangupBy", c.hangupBy());
        put(o, "answeredAt", str(c.answeredAt()));
        put(o, "endedAt", str(c.endedAt()));
        if (c.amdJson() != null) {
            o.put("amd", new JsonObject(c.amdJson()));
        }
        JsonObject d = new JsonObject();
        put(d, "ringMs", c.ringMs());
        put(d, "decisionMs", c.decisionMs());
        put(d, "talkMs", c.talkMs());
        put(d, "answerToFirstAudioMs", c.firstAudioMs());
        put(d, "beepToMessageMs", c.beepToMessageMs());
        o.put("durations", d);
        JsonArray timeline = new JsonArray();
        c.events().forEach(e -> timeline.add(new JsonObject().put("at", e.at().toString()).put("type", e.type())
                .put("detail", e.detail())));
        o.put("timeline", timeline);
        return o;
    }

    private static String str(Instant i) {
        return i == null ? null : i.toString();
    }

    private static void put(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
