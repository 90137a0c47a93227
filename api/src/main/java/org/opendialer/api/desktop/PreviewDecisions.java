package org.opendialer.api.desktop;

import java.util.UUID;

/**
 * What an agent decided on a preview card (a campaign's contact shown before dialing, sent to the desktop as an event
 * of type {@code preview} with {@link Desktop#publish}). The campaign side plugs in with {@link Desktop#use(PreviewDecisions)};
 * until then {@link #NONE} refuses (409: no campaign waits for it).
 */
@FunctionalInterface
public interface PreviewDecisions {

    /** @param call true: dial the contact now; false: skip it */
    void decide(UUID agentId, String previewId, boolean call);

    PreviewDecisions NONE = (agent, preview, call) -> {
        throw new IllegalStateException("no campaign on this node is waiting for preview " + preview);
    };
}
