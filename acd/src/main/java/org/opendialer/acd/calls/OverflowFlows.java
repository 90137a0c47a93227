package org.opendialer.acd.calls;

import java.util.concurrent.CompletableFuture;
import org.opendialer.call.CallSession;

/**
 * Runs a queue's overflow flow on a caller nobody awaits any more: one an agent sent back to a queue (its first
 * {@code enqueue} future completed when that agent answered, and the flow that queued it has ended). Implemented by
 * the IVR's flow executor (glued in the server); without it such a caller is hung up.
 */
@FunctionalInterface
public interface OverflowFlows {

    /** @return completes when the flow lets go of the call; fails when the flow cannot run (never published …) */
    CompletableFuture<?> run(CallSession caller, String flowId);

    /** A node without flows. */
    OverflowFlows NONE = (caller, flowId) -> CompletableFuture.failedFuture(
            new UnsupportedOperationException("no flow executor on this node for flow " + flowId));
}
