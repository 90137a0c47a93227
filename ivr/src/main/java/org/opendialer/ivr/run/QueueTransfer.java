package org.opendialer.ivr.run;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.opendialer.call.CallSession;

/**
 * Where a flow's {@code transferToQueue} hands the caller: the ACD, glued in by the server. The flow's thread
 * waits for the result, so completing the future only when the ACD has taken the call (or given up) is right.
 */
@FunctionalInterface
public interface QueueTransfer {

    /** Refuses every transfer: a server without an ACD wired takes the node's failure branch. */
    QueueTransfer NONE = (caller, request) -> CompletableFuture.completedFuture(new Result.Failed("no ACD on this server"));

    CompletableFuture<Result> transfer(CallSession caller, Request request);

    /**
     * What the flow gathered for the agent.
     *
     * @param queue           queue name or id, as the flow names it
     * @param skills          at most 5, rendered
     * @param priority        null when the flow set none
     * @param language        the flow's language at the transfer (BCP 47)
     * @param participantData set by {@code setData} nodes
     */
    record Request(String queue, List<String> skills, Integer priority, String language,
                   Map<String, String> participantData) {
        public Request {
            skills = List.copyOf(skills);
            participantData = Map.copyOf(participantData);
        }
    }

    sealed interface Result {
        /** The ACD owns the call now: the flow ends. */
        record Connected() implements Result {
        }

        /** The queue overflowed to a flow: its published version runs next on the same call. */
        record OverflowToFlow(String flowId) implements Result {
        }

        /** The call could not be queued: the node's failure branch. */
        record Failed(String reason) implements Result {
        }
    }
}
