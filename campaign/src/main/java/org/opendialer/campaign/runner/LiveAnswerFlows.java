package org.opendialer.campaign.runner;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.opendialer.call.CallSession;

/**
 * Where an agentless campaign hands an answered call "to a flow": the IVR's flow executor implements it (glued at
 * the merge). The campaign hangs up once the returned future completes, unless the flow ended the call itself.
 */
public interface LiveAnswerFlows {

    /**
     * Runs {@code flowId} on an answered call with the contact's columns as variables.
     *
     * @return completes when the flow lets go of the call
     */
    CompletableFuture<Void> run(CallSession session, UUID flowId, Map<String, String> variables);

    /** A node without a flow executor: the hand-off fails and the call is hung up (the attempt says why). */
    LiveAnswerFlows NONE = (s, flow, vars) -> CompletableFuture.failedFuture(
            new UnsupportedOperationException("no flow executor on this node for flow " + flow));
}
