package org.opendialer.api.desktop;

import java.util.UUID;

/**
 * Call control of the agent desktop, acting on the agent's current interaction. The ACD's call layer implements it
 * (acd's {@code QueueCalls}); until one is plugged in with {@link Desktop#use(AgentCallControl)}, {@link #stateOnly}
 * moves the routing state only. Methods block; refusals are {@link IllegalStateException} (409) or
 * {@link IllegalArgumentException} (400).
 */
public interface AgentCallControl {

    void hangup(UUID agentId);

    void transferToQueue(UUID agentId, UUID queueId);

    void transferToNumber(UUID agentId, String e164);

    /** No call layer: hang-up ends the interaction in the router (the agent wraps up); transfers are refused. */
    static AgentCallControl stateOnly(org.opendialer.acd.routing.QueueRouter router) {
        return new AgentCallControl() {
            @Override
            public void hangup(UUID agentId) {
                router.hungUp(agentId);
            }

            @Override
            public void transferToQueue(UUID agentId, UUID queueId) {
                throw new UnsupportedOperationException("transfers need the ACD's call layer, which this node does not run");
            }

            @Override
            public void transferToNumber(UUID agentId, String e164) {
                throw new UnsupportedOperationException("transfers need the ACD's call layer, which this node does not run");
            }
        };
    }
}
