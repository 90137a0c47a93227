package org.opendialer.api.calls;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import org.opendialer.api.http.Casing;
import org.opendialer.api.http.Resources;
import org.opendialer.notifications.voice.CallRecord;

/**
 * JSON forms of a call, as the OpenAPI document's Call and CallSummary schemas describe them. Outcome,
 * disposition, AMD result and timeline types are stored in their producers' casing (OUTCOME, snake_case); they
 * leave in the API's lowerCamelCase ({@link Casing}).
 */
final class CallJson {

    private CallJson() { }

    static JsonObject summary(CallRecord c) {
        JsonObject o = new JsonObject().put("id", c.id().toString()).put("selfUri", Resources.CALL.uri(c.id()))
                .put("to", c.to()).put("state", Casing.camel(c.state()))
                .put("dateCreated", c.createdAt().toString()).put("dateModified", c.updatedAt().toString())
                .put("version", c.version());
        put(o, "from", c.from().isEmpty() ? null : c.from());
        put(o, "outcome", Casing.camel(c.outcome()));
        put(o, "keyPressed", c.keyPressed());
        put(o, "disposition", Casing.camel(c.disposition()));
        return o;
    }

    static JsonObject full(CallRecord c) {
        JsonObject o = summary(c);
        put(o, "sipStatus", c.sipStatus());
        put(o, "q850Cause", c.q850());
        put(o, "hangupBy", Casing.camel(c.hangupBy()));
        put(o, "answeredAt", str(c.answeredAt()));
        put(o, "endedAt", str(c.endedAt()));
        if (c.amdJson() != null) {
            JsonObject amd = new JsonObject(c.amdJson());
            amd.put("result", Casing.camel(amd.getString("result")));
            JsonObject evidence = amd.getJsonObject("evidence");
            if (evidence != null && evidence.getString("tone") != null) {
                evidence.put("tone", Casing.camel(evidence.getString("tone")));
            }
            o.put("amd", amd);
        }
        JsonObject d = new JsonObject();
        put(d, "ringMs", c.ringMs());
        put(d, "decisionMs", c.decisionMs());
        put(d, "talkMs", c.talkMs());
        put(d, "answerToFirstAudioMs", c.firstAudioMs());
        put(d, "beepToMessageMs", c.beepToMessageMs());
        o.put("durations", d);
        JsonArray timeline = new JsonArray();
        c.events().forEach(e -> timeline.add(new JsonObject().put("at", e.at().toString()).put("type", Casing.camel(e.type()))
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
