package org.opendialer.api.routing;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import org.opendialer.acd.Acd;
import org.opendialer.acd.routing.AgentState;
import org.opendialer.api.http.Casing;
import org.opendialer.acd.routing.Named;
import org.opendialer.api.http.Blocking;

/** {@code /api/v2/users}: agents, their skills, their queues, their routing status and their station (phone). */
final class UsersApi {

    private final Acd acd;
    private final Blocking blocking;

    UsersApi(Acd acd, Blocking blocking) {
        this.acd = acd;
        this.blocking = blocking;
    }

    void list(RoutingContext rc) {
        Envelope.PageRequest p = Envelope.page(rc);
        Envelope.answer(rc, blocking.call(() -> acd.agents().list(p.pageNumber(), p.pageSize())),
                page -> Envelope.json(rc, 200, Envelope.list(p, page.items(), page.total(), RoutingJson::user)));
    }

    void create(RoutingContext rc) {
        JsonObject b = Envelope.body(rc);
        Envelope.answer(rc, blocking.call(() -> acd.agents().create(b.getString("name"), b.getString("email"),
                b.getString("sipUser"), b.getString("sipPassword"))), a -> {
            rc.response().putHeader("Location", RoutingJson.USERS + "/" + a.id());
            Envelope.json(rc, 201, RoutingJson.user(a));
        });
    }

    void get(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        Envelope.answer(rc, blocking.call(() -> acd.agents().get(id)), a -> Envelope.json(rc, 200, RoutingJson.user(a)));
    }

    /** PATCH: absent fields keep their value. */
    void update(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        JsonObject b = Envelope.body(rc);
        Envelope.answer(rc, blocking.call(() -> {
            var a = acd.agents().get(id);
            return acd.agents().update(id, b.getString("name", a.name()), b.getString("email", a.email()),
                    b.getString("sipUser", a.sipUser()), b.getInteger("version"));
        }), a -> Envelope.json(rc, 200, RoutingJson.user(a)));
    }

    void delete(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        Envelope.answer(rc, blocking.call(() -> {
            acd.agents().delete(id);
            return true;
        }), ok -> Envelope.noContent(rc));
    }

    void listSkills(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        Envelope.PageRequest p = Envelope.page(rc);
        Envelope.answer(rc, blocking.call(() -> acd.agents().skills(id)),
                all -> Envelope.json(rc, 200, Envelope.list(p, all, RoutingJson::skill)));
    }

    void addSkill(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        JsonObject b = Envelope.body(rc);
        UUID skill = UUID.fromString(b.getString("id"));
        Envelope.answer(rc, blocking.call(() -> {
            acd.skills().find(skill).orElseThrow(() -> new IllegalArgumentException("id: no skill " + skill));
            acd.agents().setSkill(id, skill, b.getInteger("proficiency"));
            return acd.agents().skills(id).stream().filter(s -> s.skillId().equals(skill)).findFirst().orElseThrow();
        }), s -> Envelope.json(rc, 200, RoutingJson.skill(s)));
    }

    void removeSkill(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        UUID skill = Envelope.pathId(rc, "skillId");
        Envelope.answer(rc, blocking.call(() -> {
            acd.agents().removeSkill(id, skill);
            return true;
        }), ok -> Envelope.noContent(rc));
    }

    void listQueues(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        Envelope.PageRequest p = Envelope.page(rc);
        Envelope.answer(rc, blocking.call(() -> acd.agents().queuesOf(id)),
                all -> Envelope.json(rc, 200, Envelope.list(p, all, (Named q) -> RoutingJson.named(RoutingJson.QUEUES, q))));
    }

    void getStatus(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        Envelope.answer(rc, blocking.call(() -> acd.agents().get(id)), a -> Envelope.json(rc, 200, RoutingJson.status(a)));
    }

    void getStation(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        Envelope.answer(rc, blocking.call(() -> acd.stations().get(id)), st -> Envelope.json(rc, 200, RoutingJson.station(st)));
    }

    /** PATCH {@code {"autoAnswer": bool}}. */
    void patchStation(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        boolean on = Envelope.body(rc).getBoolean("autoAnswer");
        Envelope.answer(rc, blocking.call(() -> acd.stations().setAutoAnswer(id, on)),
                st -> Envelope.json(rc, 200, RoutingJson.station(st)));
    }

    void putStatus(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "userId");
        JsonObject b = Envelope.body(rc);
        AgentState wanted = Casing.parse(AgentState.class, b.getString("status"));
        Envelope.answer(rc, blocking.call(() -> acd.agents().request(id, wanted, b.getString("reason"))),
                a -> Envelope.json(rc, 200, RoutingJson.status(a)));
    }
}
