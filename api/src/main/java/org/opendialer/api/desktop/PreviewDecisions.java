package org.opendialer.api.desktop;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What an agent decided on a preview card (a campaign's contact shown before dialing, sent to the desktop as an event
 * of type {@code preview} with {@link Desktop#publish}), and what else it asks of preview: a callback for the card's
 * record, a search of a campaign's records, taking a found record as its card. The campaign side plugs in with
 * {@link Desktop#use(PreviewDecisions)}; until then {@link #NONE} refuses (409: no campaign waits for it). Answers
 * are the API's JSON; failures are the API's exceptions (NoSuchElementException 404, IllegalArgumentException 400,
 * IllegalStateException 409).
 */
@FunctionalInterface
public interface PreviewDecisions {

    /** @param call true: dial the contact now; false: skip it */
    void decide(UUID agentId, String previewId, boolean call);

    /**
     * A callback for the record of the agent's preview {@code previewId} at {@code at}.
     *
     * @param numbers Genesys' {@code callbackNumbers}: empty for the contact's own, else the one number to dial
     */
    default JsonObject callback(UUID agentId, String previewId, Instant at, List<String> numbers) {
        throw new IllegalStateException("no campaign on this node takes callbacks");
    }

    /**
     * A callback for the record of the campaign call {@code interactionId} the agent handles or wraps up: when due
     * it is previewed to this agent first, then to any agent of the queue; {@code numbers} as {@link #callback}'s.
     */
    default JsonObject callbackForInteraction(UUID agentId, UUID interactionId, Instant at, List<String> numbers) {
        throw new IllegalStateException("no campaign on this node takes callbacks");
    }

    /**
     * One page of the campaign's records whose {@code column} equals {@code value}, paged as Genesys' lists are:
     * {@code {records, pageSize, pageNumber, total, pageCount}} ({@code entities} is the GET listings' key, with
     * their links; this is a POST search).
     */
    default JsonObject search(UUID agentId, UUID campaignId, String column, String value, int pageSize, int pageNumber) {
        throw new IllegalStateException("no campaign on this node previews records");
    }

    /** Takes the record {@code contactId} as the agent's card, if callable now: {@code {previewId, ...}}. */
    default JsonObject take(UUID agentId, UUID campaignId, String contactId) {
        throw new IllegalStateException("no campaign on this node previews records");
    }

    PreviewDecisions NONE = (agent, preview, call) -> {
        throw new IllegalStateException("no campaign on this node is waiting for preview " + preview);
    };
}
