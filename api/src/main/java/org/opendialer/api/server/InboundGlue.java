package org.opendialer.api.server;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.opendialer.acd.calls.OverflowFlows;
import org.opendialer.acd.calls.QueueCalls;
import org.opendialer.acd.calls.QueueOutcome;
import org.opendialer.acd.calls.QueueRequest;
import org.opendialer.api.desktop.AgentCallControl;
import org.opendialer.api.desktop.FlowTraces;
import org.opendialer.campaign.runner.LiveAnswerFlows;
import org.opendialer.ivr.data.DataActionDefinition;
import org.opendialer.ivr.flow.FlowStore;
import org.opendialer.ivr.flow.FlowValidator;
import org.opendialer.ivr.run.FlowExecutor;
import org.opendialer.ivr.run.FlowExecutions;
import org.opendialer.ivr.run.QueueTransfer;

/**
 * The inbound path's seams, joined: the IVR's transfer-to-queue and the desktop's call control go to the ACD's
 * {@link QueueCalls}, the desktop's flow trace reads the IVR's executions, flows are checked against the ACD's queues. Each side defined its own interface (they
 * were built in parallel); these adapters only translate, one to one.
 */
final class InboundGlue {

    private InboundGlue() {
    }

    /**
     * The IVR's {@code transferToQueue} → {@link QueueCalls#enqueue}. A supplier because the flows start taking
     * calls before the ACD is up; a call transferred in that window takes the node's failure branch.
     */
    static QueueTransfer queueTransfer(Supplier<QueueCalls> acd) {
        return (caller, r) -> {
            QueueCalls calls = acd.get();
            if (calls == null) {
                return CompletableFuture.completedFuture(new QueueTransfer.Result.Failed("the ACD is not started yet"));
            }
            QueueRequest request;
            try {
                request = new QueueRequest(r.queue(), r.skills(), r.priority(), r.language(), r.participantData());
            } catch (IllegalArgumentException e) {
                return CompletableFuture.completedFuture(new QueueTransfer.Result.Failed(e.getMessage()));
            }
            return calls.enqueue(caller, request).thenApply(InboundGlue::result);
        };
    }

    /**
     * A campaign's live answer "to a flow" → {@link FlowExecutor#start} on the flow's published version (the one
     * published when the call is answered; a flow never published fails the hand-off, and the attempt says why).
     */
    static LiveAnswerFlows liveAnswerFlows(FlowExecutor executor, FlowStore flows) {
        return (session, flowId, variables) -> flows.get(flowId)
                .filter(f -> f.published() != null)
                .map(f -> executor.start(session, f.published(), variables).<Void>thenApply(outcome -> null))
                .orElseGet(() -> CompletableFuture.failedFuture(
                        new IllegalStateException("flow " + flowId + " has no published version")));
    }

    /**
     * A requeued caller's overflow → the flow's published version on the same call, as a live answer's (an id that
     * is no UUID fails like a flow never published: the ACD then hangs the caller up).
     */
    static OverflowFlows overflowFlows(FlowExecutor executor, FlowStore flows) {
        LiveAnswerFlows run = liveAnswerFlows(executor, flows);
        return (caller, flowId) -> {
            UUID id;
            try {
                id = UUID.fromString(flowId);
            } catch (IllegalArgumentException e) {
                return CompletableFuture.failedFuture(new IllegalArgumentException("overflow flow " + flowId + " is no flow id"));
            }
            return run.run(caller, id, Map.of());
        };
    }

    static QueueTransfer.Result result(QueueOutcome outcome) {
        return switch (outcome) {
            case QueueOutcome.Connected c -> new QueueTransfer.Result.Connected();
            case QueueOutcome.OverflowToFlow o -> new QueueTransfer.Result.OverflowToFlow(o.flowId());
            case QueueOutcome.Failed f -> new QueueTransfer.Result.Failed(f.reason());
        };
    }

    /**
     * What flows are checked against: the ACD's queues (name or id, looked up at each check) and the configured data
     * actions. Until the ACD is up (a moment at start) every queue passes.
     */
    static FlowValidator.Directory flowDirectory(Supplier<QueueCalls> acd, List<DataActionDefinition> actions) {
        Set<String> names = actions.stream().map(DataActionDefinition::name).collect(Collectors.toUnmodifiableSet());
        return new FlowValidator.Directory(queue -> {
            QueueCalls calls = acd.get();
            return calls == null || calls.interactions().queueId(queue).isPresent();
        }, names::contains);
    }

    /** The desktop's buttons → the ACD's call layer (which stores the request for the node holding the call). */
    static AgentCallControl callControl(QueueCalls acd) {
        return new AgentCallControl() {
            @Override
            public void hangup(UUID agentId) {
                acd.hangup(agentId);
            }

            @Override
            public void transferToQueue(UUID agentId, UUID queueId) {
                acd.transferToQueue(agentId, queueId);
            }

            @Override
            public void transferToNumber(UUID agentId, String e164) {
                acd.transferToNumber(agentId, e164);
            }
        };
    }

    /** Every execution of the call (an overflow adds one), its steps in order. */
    static FlowTraces flowTraces(FlowExecutions executions) {
        return callId -> executions.byCallId(callId).stream()
                .flatMap(e -> e.steps().stream().map(s -> new FlowTraces.Step(e.flowId().toString(), s.seq(),
                        s.nodeId(), s.nodeType(), s.at(), s.outcome(), s.detail())))
                .toList();
    }
}
