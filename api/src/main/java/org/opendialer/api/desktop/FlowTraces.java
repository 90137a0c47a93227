package org.opendialer.api.desktop;

import java.time.Instant;
import java.util.List;

/**
 * The IVR flow trace of a call, for the interactions API: the flows' execution tables are read through this (the
 * lead plugs the IVR's execution reader in with {@link Desktop#use(FlowTraces)}); {@link #NONE} until then.
 */
@FunctionalInterface
public interface FlowTraces {

    /** One node executed. */
    record Step(String flowId, int seq, String nodeId, String nodeType, Instant at, String outcome, String detail) {
    }

    /** The steps of every flow execution of the call with this SIP Call-ID, in order; empty when none. */
    List<Step> forCall(String callId);

    FlowTraces NONE = callId -> List.of();
}
