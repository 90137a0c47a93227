package org.opendialer.api.http;

import io.vertx.core.json.JsonObject;

/**
 * Where each resource lives, and references to it: a resource carries its {@code selfUri}, and points at another
 * as {@code {id, selfUri}}. One place for the paths, so a {@code Location} header, a {@code selfUri} and the GET
 * that serves it cannot drift apart.
 */
public enum Resources {
    CALL("/api/v2/calls/"),
    OAUTH_CLIENT("/api/v2/oauth/clients/"),
    MESSAGE("/api/v2/conversations/messages/"),
    CONVERSATION("/api/v2/conversations/"),
    MESSAGE_TEMPLATE("/api/v2/conversations/messages/templates/"),
    CONTACT_LIST("/api/v2/outbound/contactlists/"),
    MESSAGING_CAMPAIGN("/api/v2/outbound/messagingcampaigns/");

    private final String base;

    Resources(String base) {
        this.base = base;
    }

    public String uri(Object id) {
        return base + id;
    }

    /** {@code {id, selfUri}}, or null for a null id (the reference is then left out). */
    public JsonObject ref(Object id) {
        return id == null ? null : new JsonObject().put("id", id.toString()).put("selfUri", uri(id));
    }
}
