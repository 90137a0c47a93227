package org.opendialer.api.routing;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import org.opendialer.acd.Acd;
import org.opendialer.acd.routing.NamedStore;
import org.opendialer.api.http.Blocking;

/**
 * {@code /api/v2/routing/...}: skills and wrap-up codes (same shape, one handler class per store), queues with
 * their members and statistics. All work runs on {@link Blocking}.
 */
final class RoutingApi {

    /** Skills or wrap-up codes, under {@code base}. */
    static final class Names {
        private final NamedStore store;
        private final String base;
        private final String idParam;
        private final Blocking blocking;

        Names(NamedStore store, String base, String idParam, Blocking blocking) {
            this.store = store;
            this.base = base;
            this.idParam = idParam;
            this.blocking = blocking;
        }

        void list(RoutingContext rc) {
            Envelope.PageRequest p = Envelope.page(rc);
            Envelope.answer(rc, blocking.call(() -> store.list(p.pageNumber(), p.pageSize())),
                    page -> Envelope.json(rc, 200, Envelope.list(p, page.items(), page.total(), n -> RoutingJson.named(base, n))));
        }

        void create(RoutingContext rc) {
            String name = Envelope.body(rc).getString("name");
            Envelope.answer(rc, blocking.call(() -> store.create(name)), n -> {
                rc.response().putHeader("Location", base + "/" + n.id());
                Envelope.json(rc, 201, RoutingJson.named(base, n));
            });
        }

        void get(RoutingContext rc) {
            UUID id = Envelope.pathId(rc, idParam);
            Envelope.answer(rc, blocking.call(() -> store.find(id).orElseThrow(() -> new NoSuchElementException("no " + idParam + " " + id))),
                    n -> Envelope.json(rc, 200, RoutingJson.named(base, n)));
        }

        void update(RoutingContext rc) {
            UUID id = Envelope.pathId(rc, idParam);
            JsonObject b = Envelope.body(rc);
            Envelope.answer(rc, blocking.call(() -> store.rename(id, b.getString("name"), b.getInteger("version"))),
                    n -> Envelope.json(rc, 200, RoutingJson.named(base, n)));
        }

        void delete(RoutingContext rc) {
            UUID id = Envelope.pathId(rc, idParam);
            Envelope.answer(rc, blocking.call(() -> {
                store.delete(id);
                return true;
            }), ok -> Envelope.noContent(rc));
        }
    }

    private final Acd acd;
    private final Blocking blocking;

    RoutingApi(Acd acd, Blocking blocking) {
        this.acd = acd;
        this.blocking = blocking;
    }

    void listQueues(RoutingContext rc) {
        Envelope.PageRequest p = Envelope.page(rc);
        Envelope.answer(rc, blocking.call(() -> acd.queues().list(p.pageNumber(), p.pageSize())),
                page -> Envelope.json(rc, 200, Envelope.list(p, page.items(), page.total(), RoutingJson::queue)));
    }

    void createQueue(RoutingContext rc) {
        JsonObject b = Envelope.body(rc);
        Envelope.answer(rc, blocking.call(() -> acd.queues().create(RoutingJson.settings(b))), q -> {
            rc.response().putHeader("Location", RoutingJson.QUEUES + "/" + q.id());
            Envelope.json(rc, 201, RoutingJson.queue(q));
        });
    }

    void getQueue(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "queueId");
        Envelope.answer(rc, blocking.call(() -> queue(id)), q -> Envelope.json(rc, 200, RoutingJson.queue(q)));
    }

    void updateQueue(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "queueId");
        JsonObject b = Envelope.body(rc);
        Envelope.answer(rc, blocking.call(() -> acd.queues().update(id, RoutingJson.settings(b), b.getInteger("version"))),
                q -> Envelope.json(rc, 200, RoutingJson.queue(q)));
    }

    void deleteQueue(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "queueId");
        Envelope.answer(rc, blocking.call(() -> {
            acd.queues().delete(id);
            return true;
        }), ok -> Envelope.noContent(rc));
    }

    void listMembers(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "queueId");
        Envelope.PageRequest p = Envelope.page(rc);
        Envelope.answer(rc, blocking.call(() -> {
            queue(id);
            return acd.agents().members(id, p.pageNumber(), p.pageSize());
        }), page -> Envelope.json(rc, 200, Envelope.list(p, page.items(), page.total(), RoutingJson::member)));
    }

    void addMembers(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "queueId");
        List<UUID> users = new ArrayList<>();
        Envelope.bodyArray(rc).forEach(r -> users.add(RoutingJson.id((JsonObject) r)));
        Envelope.answer(rc, blocking.call(() -> {
            queue(id);
            users.forEach(u -> acd.agents().get(u)); // all or none: check every user first
            acd.agents().join(id, users);
            return true;
        }), ok -> Envelope.noContent(rc));
    }

    void removeMember(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "queueId");
        UUID member = Envelope.pathId(rc, "memberId");
        Envelope.answer(rc, blocking.call(() -> {
            acd.agents().leave(id, member);
            return true;
        }), ok -> Envelope.noContent(rc));
    }

    void statistics(RoutingContext rc) {
        UUID id = Envelope.pathId(rc, "queueId");
        Envelope.answer(rc, blocking.call(() -> {
            queue(id);
            return acd.router().stats(id);
        }), s -> Envelope.json(rc, 200, RoutingJson.stats(id, s)));
    }

    private org.opendialer.acd.routing.Queue queue(UUID id) {
        return acd.queues().find(id).orElseThrow(() -> new NoSuchElementException("no queue " + id));
    }
}
