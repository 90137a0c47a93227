package org.opendialer.api.routing;

import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.opendialer.acd.Acd;
import org.opendialer.api.http.Blocking;

/** Binds the routing and users operations of {@code openapi.yaml} to their handlers, in one place. */
public final class RoutingRoutes {

    private RoutingRoutes() {
    }

    public static void operations(RouterBuilder rb, Acd acd, Blocking blocking) {
        RoutingApi.Names skills = new RoutingApi.Names(acd.skills(), RoutingJson.SKILLS, "skillId", blocking);
        route(rb, "listRoutingSkills").addHandler(skills::list);
        route(rb, "createRoutingSkill").addHandler(skills::create);
        route(rb, "getRoutingSkill").addHandler(skills::get);
        route(rb, "updateRoutingSkill").addHandler(skills::update);
        route(rb, "deleteRoutingSkill").addHandler(skills::delete);

        RoutingApi.Names codes = new RoutingApi.Names(acd.wrapupCodes(), RoutingJson.WRAPUP_CODES, "codeId", blocking);
        route(rb, "listRoutingWrapupCodes").addHandler(codes::list);
        route(rb, "createRoutingWrapupCode").addHandler(codes::create);
        route(rb, "getRoutingWrapupCode").addHandler(codes::get);
        route(rb, "updateRoutingWrapupCode").addHandler(codes::update);
        route(rb, "deleteRoutingWrapupCode").addHandler(codes::delete);

        RoutingApi queues = new RoutingApi(acd, blocking);
        route(rb, "listRoutingQueues").addHandler(queues::listQueues);
        route(rb, "createRoutingQueue").addHandler(queues::createQueue);
        route(rb, "getRoutingQueue").addHandler(queues::getQueue);
        route(rb, "updateRoutingQueue").addHandler(queues::updateQueue);
        route(rb, "deleteRoutingQueue").addHandler(queues::deleteQueue);
        route(rb, "listRoutingQueueMembers").addHandler(queues::listMembers);
        route(rb, "addRoutingQueueMembers").addHandler(queues::addMembers);
        route(rb, "deleteRoutingQueueMember").addHandler(queues::removeMember);
        route(rb, "getRoutingQueueStatistics").addHandler(queues::statistics);

        UsersApi users = new UsersApi(acd, blocking);
        route(rb, "listUsers").addHandler(users::list);
        route(rb, "createUser").addHandler(users::create);
        route(rb, "getUser").addHandler(users::get);
        route(rb, "updateUser").addHandler(users::update);
        route(rb, "deleteUser").addHandler(users::delete);
        route(rb, "listUserRoutingSkills").addHandler(users::listSkills);
        route(rb, "addUserRoutingSkill").addHandler(users::addSkill);
        route(rb, "deleteUserRoutingSkill").addHandler(users::removeSkill);
        route(rb, "listUserQueues").addHandler(users::listQueues);
        route(rb, "getUserRoutingStatus").addHandler(users::getStatus);
        route(rb, "updateUserRoutingStatus").addHandler(users::putStatus);
        route(rb, "getUserStation").addHandler(users::getStation);
        route(rb, "updateUserStation").addHandler(users::patchStation);
    }

    private static OpenAPIRoute route(RouterBuilder rb, String operationId) {
        OpenAPIRoute r = rb.getRoute(operationId);
        if (r == null) {
            throw new IllegalStateException("operation " + operationId + " missing from openapi.yaml");
        }
        return r;
    }
}
