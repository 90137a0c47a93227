package org.opendialer.acd.calls;

import java.util.UUID;

/** How a queued call left the queue (the IVR's transfer-to-queue result). */
public sealed interface QueueOutcome {

    /** An agent answered and the caller is bridged to it. */
    record Connected(UUID interactionId, UUID agentId) implements QueueOutcome {
    }

    /** The queue timed out (or nobody could take the call) and hands the caller to this flow. */
    record OverflowToFlow(String flowId) implements QueueOutcome {
    }

    /** Not connected: the caller hung up, the queue timed out without an overflow, or the request was wrong. */
    record Failed(String reason) implements QueueOutcome {
    }
}
