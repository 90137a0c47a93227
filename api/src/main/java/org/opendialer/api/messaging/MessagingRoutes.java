package org.opendialer.api.messaging;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.openapi.router.OpenAPIRoute;
import io.vertx.ext.web.openapi.router.RouterBuilder;
import org.opendialer.api.http.Blocking;
import org.opendialer.notifications.messaging.Messaging;

/**
 * Binds the messaging operations of {@code openapi.yaml} to their handlers, in one place; {@code HttpApi} calls
 * {@link #operations} and {@link #publicRoutes}.
 */
public final class MessagingRoutes {

    /** Public path of the RFC 8058 endpoint (outside /api/v2: it takes no token). */
    public static final String UNSUBSCRIBE_PATH = "/unsubscribe/{token}";

    private MessagingRoutes() {
    }

    /** The contract-validated operations. */
    public static void operations(RouterBuilder rb, Messaging messaging, Blocking blocking) {
        ConversationsApi conv = new ConversationsApi(messaging, blocking);
        route(rb, "sendAgentlessMessage").addHandler(conv::sendAgentless);
        route(rb, "getConversationMessage").addHandler(conv::getMessage);
        route(rb, "listConversationMessages").addHandler(conv::listMessages);
        route(rb, "getConversation").addHandler(conv::getConversation);
        route(rb, "createMessageTemplate").addHandler(conv::createTemplate);
        route(rb, "listMessageTemplates").addHandler(conv::listTemplates);

        ContactListsApi lists = new ContactListsApi(messaging.lists(), blocking);
        route(rb, "createContactList").addHandler(lists::create);
        route(rb, "listContactLists").addHandler(lists::list);
        route(rb, "getContactList").addHandler(lists::get);

        MessagingCampaignsApi campaigns = new MessagingCampaignsApi(messaging.campaigns(), blocking);
        route(rb, "createMessagingCampaign").addHandler(campaigns::create);
        route(rb, "listMessagingCampaigns").addHandler(campaigns::list);
        route(rb, "getMessagingCampaign").addHandler(campaigns::get);
        route(rb, "updateMessagingCampaign").addHandler(campaigns::update);
        route(rb, "deleteMessagingCampaign").addHandler(campaigns::delete);
        route(rb, "startMessagingCampaign").addHandler(campaigns::start);
        route(rb, "stopMessagingCampaign").addHandler(campaigns::stop);
        route(rb, "getMessagingCampaignProgress").addHandler(campaigns::progress);
        route(rb, "getMessagingCampaignAttempts").addHandler(campaigns::attempts);
        route(rb, "exportMessagingCampaign").addHandler(campaigns::export);

        DncApi dnc = new DncApi(messaging.ledger(), blocking);
        route(rb, "listDncEntries").addHandler(dnc::list);
        route(rb, "addDncEntry").addHandler(dnc::add);
        route(rb, "getDncEntry").addHandler(dnc::get);
        route(rb, "deleteDncEntry").addHandler(dnc::remove);
    }

    /** The public routes, served outside the validated router (the form body is not JSON). */
    public static void publicRoutes(Router router, Messaging messaging, Blocking blocking) {
        UnsubscribeEndpoint u = new UnsubscribeEndpoint(messaging.unsubscribes(), blocking);
        router.post("/unsubscribe/:token").handler(u::post);
        router.get("/unsubscribe/:token").handler(u::page);
    }

    private static OpenAPIRoute route(RouterBuilder rb, String operationId) {
        OpenAPIRoute r = rb.getRoute(operationId);
        if (r == null) {
            throw new IllegalStateException("operation " + operationId + " missing from openapi.yaml");
        }
        return r;
    }
}
