package org.opendialer.acd.calls;

import java.util.UUID;

/**
 * What the agent desktop does to the agent's current (connected) call. The call may be held by another node: the
 * request is stored on the interaction and carried out by the node holding the caller's session.
 */
public interface AgentCallControl {

    /** Ends the call; the agent wraps up. */
    void hangup(UUID agentId);

    /** Sends the caller to another queue (waiting there from now); the agent wraps up. */
    void transferToQueue(UUID agentId, UUID queueId);

    /** Blind transfer of the caller to a number over the trunks; once it answers the agent leg ends (wrap-up). */
    void transferToNumber(UUID agentId, String e164);
}
