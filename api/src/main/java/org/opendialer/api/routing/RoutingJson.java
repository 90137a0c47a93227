package org.opendialer.api.routing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.UUID;
import org.opendialer.acd.agents.Stations;
import org.opendialer.acd.routing.Agent;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.api.http.Casing;
import org.opendialer.sip.RegistrationStore;
import org.opendialer.acd.routing.Named;
import org.opendialer.acd.routing.Queue;
import org.opendialer.acd.routing.QueueStats;

/** JSON forms of the ACD's entities, as openapi.yaml describes them, and the queue settings read back. */
final class RoutingJson {

    static final String SKILLS = "/api/v2/routing/skills";
    static final String WRAPUP_CODES = "/api/v2/routing/wrapupcodes";
    static final String QUEUES = "/api/v2/routing/queues";
    static final String USERS = "/api/v2/users";

    private RoutingJson() {
    }

    static JsonObject named(String base, Named n) {
        return new JsonObject().put("id", n.id().toString()).put("name", n.name())
                .put("dateCreated", n.dateCreated().toString()).put("dateModified", n.dateModified().toString())
                .put("version", n.version()).put("selfUri", base + "/" + n.id());
    }

    static JsonObject queue(Queue q) {
        Queue.Settings s = q.settings();
        JsonObject o = new JsonObject().put("id", q.id().toString()).put("name", s.name()).put("priority", s.priority())
                .put("alertingTimeoutSeconds", s.alertingTimeoutSeconds())
                .put("acwSettings", new JsonObject().put("timeoutSeconds", s.wrapupTimeoutSeconds()))
                .put("memberCount", q.memberCount()).put("dateCreated", q.dateCreated().toString())
                .put("dateModified", q.dateModified().toString()).put("version", q.version())
                .put("selfUri", QUEUES + "/" + q.id());
        putIf(o, "description", s.description());
        if (s.relaxAfterSeconds() != null) {
            JsonArray skills = new JsonArray();
            s.relaxSkillIds().forEach(id -> skills.add(Envelope.ref(SKILLS, id)));
            o.put("skillRelaxation", new JsonObject().put("afterSeconds", s.relaxAfterSeconds()).put("skillsToRemove", skills));
        }
        if (s.timeoutSeconds() != null) {
            JsonObject t = new JsonObject().put("afterSeconds", s.timeoutSeconds());
            if (s.overflowQueueId() != null) {
                t.put("overflowQueue", Envelope.ref(QUEUES, s.overflowQueueId()));
            }
            putIf(t, "overflowFlowId", s.overflowFlowId());
            o.put("queueTimeout", t);
        }
        JsonObject a = new JsonObject().put("positionAnnouncement", s.announcePosition())
                .put("waitTimeAnnouncement", s.announceWaitTime()).put("intervalSeconds", s.announceIntervalSeconds());
        putIf(a, "musicOnHold", s.musicOnHold());
        return o.put("announcements", a);
    }

    /** The settings of a validated QueueInput body (the contract already checked types and ranges). */
    static Queue.Settings settings(JsonObject b) {
        JsonObject acw = b.getJsonObject("acwSettings", new JsonObject());
        JsonObject relax = b.getJsonObject("skillRelaxation");
        JsonObject timeout = b.getJsonObject("queueTimeout");
        JsonObject ann = b.getJsonObject("announcements", new JsonObject());
        java.util.Set<UUID> relaxSkills = new java.util.HashSet<>();
        if (relax != null) {
            relax.getJsonArray("skillsToRemove", new JsonArray()).forEach(r -> relaxSkills.add(id((JsonObject) r)));
        }
        JsonObject overflow = timeout == null ? null : timeout.getJsonObject("overflowQueue");
        return new Queue.Settings(b.getString("name"), b.getString("description"), b.getInteger("priority", 0),
                b.getInteger("alertingTimeoutSeconds", 8), acw.getInteger("timeoutSeconds", 60),
                relax == null ? null : relax.getInteger("afterSeconds"), relaxSkills,
                timeout == null ? null : timeout.getInteger("afterSeconds"), overflow == null ? null : id(overflow),
                timeout == null ? null : timeout.getString("overflowFlowId"), ann.getString("musicOnHold"),
                ann.getBoolean("positionAnnouncement", false), ann.getBoolean("waitTimeAnnouncement", false),
                ann.getInteger("intervalSeconds", 30));
    }

    static UUID id(JsonObject ref) {
        return UUID.fromString(ref.getString("id"));
    }

    static JsonObject status(Agent a) {
        JsonObject o = new JsonObject().put("userId", a.id().toString()).put("status", Casing.camel(a.state()))
                .put("startTime", a.stateSince().toString());
        putIf(o, "reason", a.stateReason());
        putIf(o, "endTime", a.stateUntil() == null ? null : a.stateUntil().toString());
        putIf(o, "idleSince", a.state() == AgentState.AVAILABLE ? a.idleSince().toString() : null);
        if (a.interactionId() != null) {
            o.put("interaction", new JsonObject().put("id", a.interactionId().toString()));
        }
        return o;
    }

    /**
     * The agent's station, Genesys-like (a user's one station, its phone): each registered contact with its address
     * of record, the phone's User-Agent, where it registers from, its transport and when it lapses.
     */
    static JsonObject station(Stations.Station st) {
        JsonArray contacts = new JsonArray();
        for (RegistrationStore.Registration r : st.registrations()) {
            JsonObject c = new JsonObject().put("contact", r.contact()).put("transport", r.transport())
                    .put("sourceAddress", r.sourceHost() + ":" + r.sourcePort()).put("expiresAt", r.expiresAt().toString());
            putIf(c, "aor", r.aor());
            putIf(c, "userAgent", r.userAgent());
            contacts.add(c);
        }
        JsonObject o = new JsonObject().put("user", Envelope.ref(USERS, st.userId())).put("autoAnswer", st.autoAnswer())
                .put("registered", !contacts.isEmpty()).put("registrations", contacts);
        putIf(o, "sipUser", st.sipUser());
        return o.put("selfUri", USERS + "/" + st.userId() + "/station");
    }

    static JsonObject user(Agent a) {
        JsonObject o = new JsonObject().put("id", a.id().toString()).put("name", a.name())
                .put("routingStatus", status(a)).put("dateCreated", a.dateCreated().toString())
                .put("dateModified", a.dateModified().toString()).put("version", a.version())
                .put("selfUri", USERS + "/" + a.id());
        putIf(o, "email", a.email());
        putIf(o, "sipUser", a.sipUser());
        return o;
    }

    /** A queue member: the user's reference, name and routing status. */
    static JsonObject member(Agent a) {
        return new JsonObject().put("id", a.id().toString()).put("name", a.name())
                .put("user", Envelope.ref(USERS, a.id())).put("routingStatus", status(a))
                .put("selfUri", USERS + "/" + a.id());
    }

    static JsonObject skill(Agent.Skill s) {
        return new JsonObject().put("id", s.skillId().toString()).put("name", s.name())
                .put("proficiency", s.proficiency()).put("selfUri", SKILLS + "/" + s.skillId());
    }

    static JsonObject stats(UUID queueId, QueueStats s) {
        JsonObject byStatus = new JsonObject();
        for (Map.Entry<AgentState, Integer> e : s.membersByState().entrySet()) {
            byStatus.put(Casing.camel(e.getKey()), e.getValue());
        }
        return new JsonObject().put("queue", Envelope.ref(QUEUES, queueId)).put("waiting", s.waiting())
                .put("longestWaitSeconds", s.longestWaitSeconds()).put("abandoned", s.abandoned())
                .put("membersByStatus", byStatus);
    }

    private static void putIf(JsonObject o, String key, Object value) {
        if (value != null) {
            o.put(key, value);
        }
    }
}
